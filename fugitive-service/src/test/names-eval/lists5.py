"""Name lists of the fifth evaluation set (eval5, issue 14): every distinguishing name part here is absent from lists.py
and lists4.py (generate_eval5.py checks it). Facts of record, written without looking at the matcher's tables:

- Korean: family names ranked below those of lists.py in Statistics Korea's 2015 census of family names (유, 심, 나,
  도, 지, 표 ... and the two-syllable 황보, 제갈, 독고, 사공) with their McCune-Reischauer form and the spellings their
  bearers' passports use; given-name syllables common in registered given names (Supreme Court name statistics), not
  in the earlier lists. Revised Romanization and McCune-Reischauer of the given name are computed (romanise.py).
- Chinese: family names of the Hundred Family Surnames common in Hong Kong, Guangdong and Singapore (徐, 孔, 譚, 關,
  麥, 伍 ...) and given-name characters common in registered names, traditional forms; their Pinyin and Jyutping come
  from Unihan (kMandarin, kCantonese), Wade-Giles and Hong Kong spellings are computed from them. Hokkien/Teochew
  spellings are the ones Singapore and Malaysian registries print (徐 Chee as in Chee Soon Juan, 淑 Siok, 源 Guan).
- Thai: names of public figures and their official English spellings (Samak Sundaravej, Chavalit Yongchaiyudh, Pridi
  Banomyong, Thanin Kraivixien, Paradorn Srichaphan, Ratchanok Intanon) and common names of Thai civil registration;
  the RTGS form (Royal Institute 1999) beside the passport spellings. Titles นาย, นาง, นางสาว and its abbreviation
  น.ส. as printed on Thai ID cards; Mr, Mrs, Miss, Ms.
- Khmer: family and given names common in Cambodia (public officials' names as published in Khmer and in the
  official English spellings: Ouk, Prak, Touch, Chhay, Samnang, Vuthy, Seyha, Sopheap ...).
- Burmese: name syllables not in the earlier lists with their MLCTS transcription (Myanmar Language Commission 1980,
  tone marks dropped as in name transcriptions) and customary spellings (Myo/Myoe, Phone/Bhone, Thant, Nyein);
  honorifics ဦး U, ဒေါ် Daw, ကို Ko, မ Ma, မောင် Maung (Mg. in print).
- Vietnamese: family names ranked below those of lists.py (Tạ, Khổng, Quách, Triệu, Lương, Phùng ...), middle names and
  given names not in the earlier lists; tone-mark twins (two names with the same letters, different marks: Diễm / Diệm,
  Tân / Tấn) among them.
- Indonesian: names recorded in the pre-1972 spelling (Djuanda, Sjahrir, Tjokroaminoto, Tjipto Mangoenkoesoemo,
  Soebandrio, Soemitro) and common modern names; the generator writes the old spelling by the 1972 reform's rules.
- Malay: given names common in Malaysia's registry not in the earlier lists, with their customary spelling variants
  (Mahmud / Mahmood, Mustafa / Mustapha, Yaakob / Yaacob, Khadijah / Khatijah).
- Filipino: family names among the commonest in the Philippine Statistics Authority's registry that lists.py lacks
  (Dizon, Aguilar, Domingo, Tolentino, Panganiban, De Guzman, Delos Santos ...) and given names; "Ma." for Maria as
  Filipino documents abbreviate it.
Common parts (the commonest family and middle names, which are in lists.py by design: Nguyễn/Trần/Lê + Văn/Thị, 김/이/박,
王/李/張/陳) are used only with given parts from this file.
"""

# ---------------------------------------------------------------- Korean: (Hangul, McCune-Reischauer, [customary])
KO_SURNAMES = [
    ("유", "Yu", ["Yoo", "Yu", "You"]), ("심", "Sim", ["Shim", "Sim"]), ("나", "Na", ["Na", "Ra"]),
    ("도", "To", ["Do", "Doh"]), ("지", "Chi", ["Ji", "Jee", "Chi"]), ("표", "P'yo", ["Pyo"]),
    ("명", "Myŏng", ["Myung", "Myeong"]), ("기", "Ki", ["Ki", "Kee", "Gi"]), ("반", "Pan", ["Ban", "Pan"]),
    ("왕", "Wang", ["Wang"]), ("금", "Kŭm", ["Keum", "Kum"]), ("옥", "Ok", ["Ok", "Ock"]), ("육", "Yuk", ["Yook", "Yuk"]),
    ("인", "In", ["In"]), ("맹", "Maeng", ["Maeng"]), ("제", "Che", ["Je", "Jae"]), ("모", "Mo", ["Mo", "Moh"]),
    ("탁", "T'ak", ["Tak", "Tark"]), ("국", "Kuk", ["Kook", "Guk"]), ("여", "Yŏ", ["Yeo", "Yuh"]),
    ("추", "Ch'u", ["Choo", "Chu"]), ("소", "So", ["So", "Soh"]), ("설", "Sŏl", ["Seol", "Sul"]), ("마", "Ma", ["Ma"]),
    ("연", "Yŏn", ["Yeon", "Youn"]), ("염", "Yŏm", ["Yeom", "Yum"]), ("봉", "Pong", ["Bong"]),
    ("경", "Kyŏng", ["Kyung", "Kyeong"]), ("편", "P'yŏn", ["Pyun", "Pyeon"]), ("용", "Yong", ["Yong"]),
    ("황보", "Hwangbo", ["Hwangbo"]), ("제갈", "Chegal", ["Jegal"]), ("독고", "Tokko", ["Dokgo"]),
    ("사공", "Sagong", ["Sagong"]),
]
KO_GIVEN = list("소다가리린률별솔슬애엽온완요욱운웅율의익중춘충택평필학해향헌협화효후휘흥겸결관국근덕란령록륜복섭열월응")

# ---------------------------------------------------------------- Chinese (traditional characters)
ZH_SURNAMES = list("徐孔毛賀葛殷倪聶伍麥區譚岑關甘霍莫鄔尹管武符")
ZH_GIVEN = list("淑蓉穎瑩婉靜敏耀榮錦翠詩琪琦祺鴻泓銘鳴峰鋒楓惠蕙智致維薇威凱愷雯聞翰瀚達炳秉坤昆亮良潔捷璇萱宣瑜瑋琳霖麟源遠富裕添")
ZH_HOKKIEN = {
    "徐": ["Chee", "Chi"], "孔": ["Khong"], "甘": ["Kam"], "莫": ["Bok"], "武": ["Boo", "Bu"], "關": ["Kuan"],
    "淑": ["Siok"], "敏": ["Bin", "Min"], "榮": ["Eng", "Weng"], "錦": ["Kim"], "惠": ["Hui", "Hwee"],
    "智": ["Tee", "Ti"], "達": ["Tat", "Tatt"], "源": ["Guan"], "鴻": ["Hong"], "亮": ["Liang"], "添": ["Thiam", "Tiam"],
    "富": ["Hoo", "Hu"], "裕": ["Joo", "Ju"], "坤": ["Khoon", "Kun"], "炳": ["Peng"], "銘": ["Beng", "Meng"],
    "鳴": ["Beng"], "峰": ["Hong"], "琳": ["Lim"], "霖": ["Lim"], "萱": ["Suan"], "宣": ["Suan"],
    "靜": ["Cheng", "Ching"], "瑩": ["Eng", "Ying"], "穎": ["Eng", "Ying"], "詩": ["Si", "See"], "琪": ["Kee", "Ki"],
    "翠": ["Chui", "Chwee"], "潔": ["Kiat"], "維": ["Wee", "Ui"], "凱": ["Khai"], "翰": ["Han"], "良": ["Liang", "Liong"],
    "雯": ["Boon", "Bun"], "蓉": ["Yong"],
}
ZH_COMMON = list("王李張陳")

# ---------------------------------------------------------------- Thai: (Thai script, RTGS, [passport spellings])
TH_GIVEN = [
    ("ทักษิณ", "Thaksin", ["Thaksin"]), ("สมัคร", "Samak", ["Samak"]), ("ชวลิต", "Chawalit", ["Chavalit"]),
    ("พิธา", "Phitha", ["Pita"]), ("ชัชชาติ", "Chatchat", ["Chadchart"]), ("ธนินท์", "Thanin", ["Dhanin"]),
    ("ภราดร", "Pharadon", ["Paradorn"]), ("รัชนก", "Ratchanok", ["Ratchanok"]), ("อภิรักษ์", "Aphirak", ["Apirak"]),
    ("จาตุรนต์", "Chaturon", ["Chaturon"]), ("กรณ์", "Kon", ["Korn"]), ("อลงกรณ์", "Alongkon", ["Alongkorn"]),
    ("ถวิล", "Thawin", ["Thawil"]), ("ปรีดี", "Pridi", ["Pridi", "Preedee"]), ("เปรม", "Prem", ["Prem"]),
    ("สุจินดา", "Suchinda", ["Suchinda"]), ("พิชัย", "Phichai", ["Pichai"]),
    ("วัชระ", "Watchara", ["Watchara", "Vachara"]), ("สุพัตรา", "Suphattra", ["Supattra"]),
    ("กนกวรรณ", "Kanokwan", ["Kanokwan"]), ("วิทยา", "Witthaya", ["Wittaya", "Withaya"]),
    ("ปริญญา", "Parinya", ["Parinya"]), ("ธงชัย", "Thongchai", ["Thongchai", "Tongchai"]),
    ("อุดม", "Udom", ["Udom", "Udome"]), ("ณัฐวุฒิ", "Natthawut", ["Nattawut", "Natthawut"]),
    ("ยุพิน", "Yuphin", ["Yupin"]), ("สุนทร", "Sunthon", ["Sunthorn", "Soonthorn"]),
    ("พัชรี", "Phatchari", ["Patcharee", "Phatcharee"]), ("ศิริชัย", "Sirichai", ["Sirichai"]),
    ("กมล", "Kamon", ["Kamol"]), ("วิมล", "Wimon", ["Wimol", "Vimol"]), ("จิรายุ", "Chirayu", ["Jirayu"]),
    ("ธนวัฒน์", "Thanawat", ["Tanawat", "Thanawat"]), ("รุ่งนภา", "Rungnapha", ["Rungnapa"]),
    ("สุรพล", "Suraphon", ["Surapol", "Surapon"]), ("ชไมพร", "Chamaiphon", ["Chamaiporn"]),
    ("ประภาส", "Praphat", ["Prapas", "Prapat"]), ("อารีย์", "Ari", ["Aree"]), ("ศิริวรรณ", "Siriwan", ["Siriwan"]),
    ("บุญส่ง", "Bunsong", ["Boonsong"]),
]
TH_SURNAMES = [
    ("สุนทรเวช", "Sunthonwet", ["Sundaravej"]), ("ยงใจยุทธ", "Yongchaiyut", ["Yongchaiyudh"]),
    ("ลิ้มเจริญรัตน์", "Limcharoenrat", ["Limjaroenrat"]), ("สิทธิพันธุ์", "Sitthiphan", ["Sittipunt"]),
    ("เจียรวนนท์", "Chiarawanon", ["Chearavanont"]), ("ศรีชาพันธุ์", "Sichaphan", ["Srichaphan"]),
    ("อินทนนท์", "Inthanon", ["Intanon"]), ("โกษะโยธิน", "Kosayothin", ["Kosayodhin"]),
    ("ฉายแสง", "Chaisaeng", ["Chaisang", "Chaisaeng"]), ("จาติกวณิช", "Chatikawanit", ["Chatikavanij"]),
    ("พลบุตร", "Phonlabut", ["Ponlaboot"]), ("พนมยงค์", "Phanomyong", ["Banomyong"]),
    ("กรัยวิเชียร", "Kraiwichian", ["Kraivixien"]), ("ติณสูลานนท์", "Tinsulanon", ["Tinsulanonda"]),
    ("คราประยูร", "Khraprayun", ["Kraprayoon"]), ("เปลี่ยนศรี", "Pliansi", ["Pliensri"]),
    ("แสนสุข", "Saensuk", ["Saensuk", "Sansuk"]), ("พรหมวงศ์", "Phromwong", ["Promwong"]),
    ("ทองสุข", "Thongsuk", ["Tongsuk", "Thongsook"]), ("จันทร์ดี", "Chandi", ["Jandee", "Chandee"]),
    ("ปัญญาดี", "Panyadi", ["Panyadee"]), ("วงศ์ใหญ่", "Wongyai", ["Wongyai"]),
    ("ศรีสมบัติ", "Sisombat", ["Srisombat"]), ("บุญประคอง", "Bunprakhong", ["Boonprakong"]),
    ("เรืองศรี", "Rueangsi", ["Ruangsri", "Ruengsri"]), ("สุขเจริญ", "Sukcharoen", ["Sukjaroen", "Sukcharoen"]),
    ("มณีวงศ์", "Maniwong", ["Maneewong"]), ("ชัยประเสริฐ", "Chaiprasoet", ["Chaiprasert"]),
    ("อ่อนศรี", "Onsi", ["Onsri"]), ("คงเจริญ", "Khongcharoen", ["Kongcharoen", "Kongjaroen"]),
]
TH_TITLES = [("นาย", "Mr"), ("นาง", "Mrs"), ("นางสาว", "Miss"), ("น.ส.", "Ms")]

# ---------------------------------------------------------------- Khmer: (Khmer script, [customary spellings])
KM_SURNAMES = [
    ("អ៊ុក", ["Ouk", "Uk"]), ("ឡុង", ["Long"]), ("ឆាយ", ["Chhay", "Chay"]), ("គង់", ["Kong", "Kung"]),
    ("ប្រាក់", ["Prak", "Prack"]), ("ញ៉ែម", ["Nhem"]), ("ទូច", ["Touch", "Toch"]), ("ប៉ែន", ["Pen", "Pean"]),
    ("រស់", ["Ros", "Ruos"]), ("ម៉ម", ["Mam", "Mom"]), ("តាន់", ["Tan"]), ("វង្ស", ["Vong", "Vung"]),
    ("ឈុន", ["Chhun", "Chun"]), ("ម៉ែន", ["Men"]), ("ង៉ែត", ["Nget"]), ("ហែម", ["Hem"]), ("ទិត្យ", ["Tith", "Tit"]),
    ("ឈួន", ["Chhuon", "Chuon"]), ("ឃឹម", ["Khim"]), ("ព្រំ", ["Prum", "Prom"]), ("សួស", ["Suos", "Sous"]),
]
KM_GIVEN = [
    ("សំណាង", ["Samnang"]), ("វុទ្ធី", ["Vuthy", "Vuthi"]), ("សីហា", ["Seyha", "Seiha"]), ("វិបុល", ["Vibol", "Vipol"]),
    ("សុភាព", ["Sopheap"]), ("ចិន្តា", ["Chenda", "Chinda"]), ("ធីតា", ["Thida", "Theda"]),
    ("រស្មី", ["Reaksmey", "Raksmey"]), ("ស្រីពៅ", ["Sreypov", "Srey Pov"]), ("ម៉ាលី", ["Maly", "Mealy"]),
    ("សុខលី", ["Sokly"]), ("ដាវីត", ["Davit", "Davith"]), ("ស្រីលក្ខណ៍", ["Sreyleak", "Srey Leak"]),
    ("រដ្ឋា", ["Ratha", "Rotha"]), ("វណ្ណៈ", ["Vannak"]), ("ភក្តី", ["Pheakdey", "Pheakdei"]), ("កុសល", ["Kosal"]),
    ("មុនី", ["Mony", "Muni"]), ("ចរិយា", ["Chariya"]), ("បញ្ញា", ["Panha", "Pagna"]),
    ("លក្ខិណា", ["Leakhena", "Leakena"]), ("សុខហេង", ["Sokheng", "Sok Heng"]), ("វឌ្ឍនា", ["Vathana", "Vatthana"]),
    ("ចន្ទ្រា", ["Chantrea", "Chantria"]), ("ចាន់ថន", ["Chanthorn", "Chanthon"]), ("សុធារី", ["Sotheary"]),
    ("សម្បូរ", ["Sambo", "Sambour"]), ("ពន្លឺ", ["Ponleu", "Panleu"]),
]

# ---------------------------------------------------------------- Burmese: (script, MLCTS, [customary spellings])
MY_SYLLABLES = [
    ("မျိုး", "myui", ["Myo", "Myoe"]), ("ဘ", "bha", ["Ba"]), ("ညို", "nyui", ["Nyo"]), ("ကောင်း", "kaung", ["Kaung"]),
    ("ခိုင်", "hkuing", ["Khaing"]), ("ဖေ", "hpe", ["Phay", "Pe"]), ("သဲ", "sai", ["Thae", "The"]),
    ("ဇာ", "ja", ["Zar", "Za"]), ("ယဉ်", "yany", ["Yin"]), ("မေ", "me", ["May", "Mae"]), ("ငြိမ်း", "ngrim", ["Nyein"]),
    ("သင်း", "sang", ["Thin", "Thinn"]), ("အေး", "e", ["Aye"]), ("မြတ်", "mrat", ["Myat"]),
    ("ဘုန်း", "bhun", ["Phone", "Bhone"]), ("ပွင့်", "pwang", ["Pwint"]), ("ဝါ", "wa", ["War", "Wa"]),
    ("တိုး", "tui", ["Toe"]), ("ဆု", "hcu", ["Hsu", "Su"]), ("ဟေ", "he", ["Hay"]), ("သန့်", "san", ["Thant"]),
    ("ထား", "hta", ["Htar", "Hta"]), ("ပြုံး", "prum", ["Pyone"]), ("ချမ်း", "hkyam", ["Chan", "Chann"]),
    ("မြေ", "mre", ["Myae", "Mye"]), ("မော်", "mau", ["Maw"]), ("ရန်", "ran", ["Yan"]), ("ပန်း", "pan", ["Pan"]),
    ("အိ", "i", ["Ei"]), ("ဖူး", "hpu", ["Phoo", "Phu"]),
]
MY_HONORIFICS = {"male": [("ဦး", ["U"]), ("ကို", ["Ko"]), ("မောင်", ["Maung", "Mg."])],
                 "female": [("ဒေါ်", ["Daw"]), ("မ", ["Ma"])]}

# ---------------------------------------------------------------- Vietnamese
VI_SURNAMES = ["Tạ", "Khổng", "Kiều", "Quách", "Thái", "Triệu", "Mạc", "Âu", "Lại", "Tăng", "Từ", "Tôn", "Chu", "Đào",
               "Lương", "Lục", "Nghiêm", "Phùng", "Thân", "Tống", "Vương", "Ông", "Hứa", "Kha"]
VI_MIDDLE = ["Trọng", "Gia", "Thế", "Duy", "Hoài", "Bích", "Diệu", "Hồng", "Như", "Viết", "Bá", "Tấn", "Đăng"]
VI_GIVEN = ["Hiển", "Hiệp", "Khôi", "Lợi", "Nguyên", "Tùng", "Vĩnh", "Vượng", "Cảnh", "Diễm", "Duyên", "Huệ", "Lệ",
            "Liên", "Quỳnh", "Sương", "Thơ", "Thư", "Trâm", "Tuyền", "Chi", "Ngà", "Đông", "Sáng", "Thạch", "Nhi",
            "Tân"]
VI_TONE_TWINS = [("Diễm", "Diệm"), ("Chi", "Chí"), ("Tân", "Tấn"), ("Khôi", "Khởi"), ("Đông", "Đồng"),
                 ("Hiển", "Hiến")]
VI_COMMON = [("Nguyễn", "Văn"), ("Nguyễn", "Thị"), ("Trần", "Văn"), ("Trần", "Thị"), ("Lê", "Văn"), ("Lê", "Thị")]

# ---------------------------------------------------------------- Indonesian (modern spellings) and Malay
ID_NAMES = ["Juanda", "Syahrir", "Cokroaminoto", "Cipto", "Mangunkusumo", "Subandrio", "Sumitro", "Joyohadikusumo",
            "Gunawan", "Nugroho", "Purwanto", "Sulastri", "Wahyuni", "Yuniarti", "Cahyani", "Sujatmiko", "Suparno",
            "Khairul", "Syamsul", "Nyoman", "Sukardi", "Sumarno", "Suyanto", "Jumadi", "Kusnadi", "Pujiastuti",
            "Utomo", "Cahyono", "Yuwono", "Sutanto", "Sukmawati", "Junaedi", "Yudi", "Sunaryo", "Marzuki"]
MS_MALE = ["Anwar", "Najib", "Kamaruddin", "Azlan", "Hakim", "Firdaus", "Iskandar", "Sulaiman", "Mustafa", "Ridzuan",
           "Fauzi", "Ghazali", "Harun", "Jaafar", "Latif", "Mahmud", "Nasir", "Ramli", "Saiful", "Tajuddin", "Wahab",
           "Zakaria", "Yaakob", "Zahid"]
MS_FEMALE = ["Norliza", "Azizah", "Rahmah", "Suraya", "Khadijah", "Maryam", "Hajar", "Sabariah", "Zuraidah",
             "Rosmah", "Faridah", "Nadia", "Izzah"]
MS_VARIANTS = {"Mahmud": ["Mahmood", "Mahmoud"], "Mustafa": ["Mustapha", "Mustaffa"], "Sulaiman": ["Suleiman"],
               "Yaakob": ["Yaacob", "Yakub"], "Jaafar": ["Jafar"], "Harun": ["Haroon"], "Latif": ["Latiff"],
               "Zakaria": ["Zakariya"], "Ghazali": ["Ghazaly"], "Nasir": ["Nasser"], "Ramli": ["Ramlee"],
               "Khadijah": ["Khatijah", "Kadijah"], "Maryam": ["Mariam"], "Kamaruddin": ["Kamarudin"],
               "Tajuddin": ["Tajudin"]}
MS_MARKERS = {"bin": ["bin", "b.", "Bin", "BIN"], "binti": ["binti", "bt.", "bte", "binte", "BINTI"]}

# ---------------------------------------------------------------- Filipino
PH_GIVEN = ["Bienvenido", "Consuelo", "Corazon", "Emilio", "Felicidad", "Honorio", "Imelda", "Josefina", "Lourdes",
            "Manuel", "Nestor", "Pacita", "Rogelio", "Rommel", "Sheryl Ann", "Wilfredo", "Analyn", "Jennelyn",
            "Mark Anthony", "Divina", "Reynaldo", "Erlinda", "Danilo", "Virgilio", "Lorna", "Efren", "Marilou",
            "Maria Lourdes", "Maria Corazon", "Maria Theresa"]
PH_SURNAMES = ["Dizon", "Fernandez", "Aguilar", "Marquez", "Domingo", "Valdez", "Santiago", "Hernandez", "Perez",
               "Gutierrez", "Francisco", "Ramirez", "Morales", "Sarmiento", "Pineda", "Dimaculangan", "Macaraeg",
               "Magbanua", "Panganiban", "Mangubat", "Tolentino", "Samonte", "Evangelista", "De Guzman",
               "Delos Santos", "Dela Pena", "San Juan", "Del Mundo"]
