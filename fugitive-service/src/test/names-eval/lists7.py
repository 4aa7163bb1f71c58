"""Name lists of the seventh evaluation set (eval7, issue 14): every distinguishing name part here is absent from lists.py,
lists4.py, lists5.py and lists6.py in its role (generate_eval7.py checks it). Facts of record, written without looking
at the matcher's tables or at any failure of the matcher:

- Korean: family names of Statistics Korea's 2015 census of family names not in the earlier lists (예, 가, 음, 좌, 팽,
  형, 온, 사, 곡, 매, 빙, 옹, 탄, 화, 후, 상, 점 and the two-syllable 장곡, 망절) with their McCune-Reischauer form and the
  spellings their bearers use (Ye/Yeh, Jwa/Chwa, Paeng, Hyung/Hyeong, Eum/Um, Jeom/Jum); given-name syllables of
  registered given names (Supreme Court name statistics) not in the earlier lists. Revised Romanization and
  McCune-Reischauer of the given name are computed (romanise.py).
- Chinese: family names of the Hundred Family Surnames not in the earlier lists (齊, 魯, 韋, 崔, 饒, 閔, 耿, 辛, 裴, 鄺,
  甄, 阮, 郝, 衛, 翟, 俞, 容, 顧, 梅, 辜 ...) and given-name characters, traditional forms; Pinyin and Jyutping come
  from Unihan (kMandarin, kCantonese). Hokkien/Teochew spellings are those of Singapore and Malaysian public figures
  as registered: Tan Kah Kee 陳嘉庚, Ong Eng Guan 王永元, Lim Yew Hock 林有福, Lim Kit Siang 林吉祥, Koh Tsu Koon 許子根,
  Chua Soi Lek 蔡細歷, Ong Ka Ting 黃家定, Lee Kim Sai 李金獅, Lee San Choon 李三春, Chan Chun Sing 陳振聲, Lim Hng
  Kiang 林勛強, Ong Pang Boon 王邦文, Tan Keng Yam 陳慶炎, Tan Jiak Kim 陳若錦, Song Ong Siang 宋旺相, Tan Chin Tuan
  陳振傳, Tan Lark Sye 陳六使, Kwek Leng Beng 郭令明, Chng Hee Kok 莊希國, Tan Wah Piow 陳華彪, Seet Ai Mee 薛愛美,
  Tan Cheng Lock 陳禎祿, Lim Goh Tong 林梧桐, Quek Leng Chan 郭令燦, Aw Boon Par 胡文豹, Lee Choo Neo 李珠娘; family
  names in the Hokkien readings of the Taiwanese Ministry of Education dictionary (梅 Boey/Mui, 辛 Sin, 崔 Chui, 魯
  Loo, 饒 Jiau, 顧 Koo, 阮 Ng/Guan, 俞 Joo, 尚 Siong, 裴 Pua, 季 Kui, 甄 Chin, 滕 Teng, 衛 Wee, 左 Cho, 辜 Koh).
- Thai: names of public figures with their official English spellings, several of them transliterating the
  Pali-Sanskrit spelling rather than the sound (Sanya Dharmasakti, Pote Sarasin, Khuang Abhaiwongse, Plaek
  Pibulsonggram, Banyat Bantadtan, Kobsak Pootrakool, Somkid Jatusripitak, Uttama Savanayana, Don Pramudwinai, Prajin
  Juntong, Anupong Paochinda, Saksayam Chidchob, Newin Chidchob, Sudarat Keyuraphan, Chaiwut Thanakamanusorn,
  Supattanapong Punmeechaow, Arkhom Termpittayapaisith, Thamanat Prompow, Juti Krairiksh, Chuvit Kamolvisit, Suriya
  Juangroongruangkit, Piyabutr Saengkanokkul, Sirikanya Tansakul, Rangsiman Rome, Cholnan Srikaew, Sutin Klungsang,
  Pirapan Salirathavibhaga, Parnpree Bahiddhanukara, Maris Sangiampongsa, Chakrapong Sangmanee, Teerat Samrejvanich,
  Paophum Rojanasakul) and common names of Thai civil registration; the RTGS form (Royal Institute 1999) beside the
  passport spellings. Titles as in lists5 (นาย, นาง, นางสาว, น.ส.).
- Khmer: family and given names of Cambodian public figures as published in Khmer and in their English spellings
  (Chheang Vun, Cheam Yeap, Hang Chuon Naron, Vann Molyvann, Prach Chan, Bin Chhin, Lim Kean Hor, Kem Sokha, Lu Lay
  Sreng, Ieng Sary, Mok Mareth, Koy Kuong, Dith Pran, Kao Kim Hourn, Hok Lundy) and common given names.
- Burmese: name syllables not in the earlier lists with their MLCTS transcription (Myanmar Language Commission 1980,
  tone marks dropped) and customary spellings (San, Thaung, Pyi, Hsaing, Kyaing, Bwar, Thwin, Poe, Khun, Mon, Hnin,
  Yi, Wut, Htein, Ohn, Pho, Kyin); the honorifics of lists5.
- Vietnamese: family names of the Vietnamese surname lists not in the earlier lists (Khương, Lều, Mông, Ôn, Bế, Lạc,
  Lư, Mạch, Nhan, Phó, Quản, Thi, Thiều, Trình, Viên, Đường, Chung, Hàn, Ma, Nhữ, Tất, Thang), middle and given names
  not in the earlier lists; tone-mark twins (Hào / Hảo, Dân / Dần, Hoan / Hoàn, Tịnh / Tính, Uy / Úy).
- Indonesian: names of public figures, several recorded in the pre-1972 spelling (Sjafruddin Prawiranegara, Soetomo,
  Boediono, Soedjatmoko, Moestopo, Roeslan Abdulgani, Soebadio Sastrosatomo, Soekanto, Hamengkoeboewono, Njoto) and
  common modern names; the generator writes the old spelling by the 1972 reform's rules.
- Malay: given names common in Malaysia's registry not in the earlier lists, with their customary spelling variants
  (Mansor / Mansur, Kadir / Qadir, Shukri / Syukri, Fadzil / Fadhil, Borhan / Burhan, Hashim / Hasyim, Zubir /
  Zubair, Fauziah / Fauziyah, Zubaidah / Zubaedah).
- Filipino: family names of the Philippine Statistics Authority's registry and of public figures (Arroyo, Enrile,
  Honasan, Drilon, Pangilinan, Sotto, Zubiri, Binay, Agbayani, Tiongson, Mangahas, Dela Torre, De Jesus, Del Castillo,
  San Miguel, Delos Angeles ...) and given names not in the earlier lists.
Common parts (김/이/박, 王/李/張/陳, Nguyễn/Trần/Lê + Văn/Thị) come from lists5.py as before, used only with given parts
from this file.
"""
from lists5 import MS_MARKERS, MY_HONORIFICS, TH_TITLES, VI_COMMON  # noqa: F401 (markers, titles, common parts)

# ---------------------------------------------------------------- Korean: (Hangul, McCune-Reischauer, [customary])
KO_SURNAMES = [
    ("예", "Ye", ["Ye", "Yeh"]), ("가", "Ka", ["Ka", "Ga"]), ("음", "Ŭm", ["Eum", "Um"]), ("좌", "Chwa", ["Jwa", "Chwa"]),
    ("팽", "P'aeng", ["Paeng", "Pang"]), ("형", "Hyŏng", ["Hyung", "Hyeong"]), ("온", "On", ["On", "Ohn"]),
    ("사", "Sa", ["Sa"]), ("곡", "Kok", ["Gok", "Kok"]), ("매", "Mae", ["Mae"]), ("빙", "Ping", ["Bing", "Ping"]),
    ("옹", "Ong", ["Ong"]), ("탄", "T'an", ["Tan"]), ("화", "Hwa", ["Hwa"]), ("후", "Hu", ["Hu", "Hoo"]),
    ("상", "Sang", ["Sang"]), ("점", "Chŏm", ["Jeom", "Jum"]), ("장곡", "Changgok", ["Janggok"]),
    ("망절", "Mangjŏl", ["Mangjeol"]),
]
KO_GIVEN = list("구군금내단당돈득래량렬례륭림면모묘문반방백법벽본생숭심엄여음작장전절존직청추치칠탁포행허활황회휴흠")

# ---------------------------------------------------------------- Chinese (traditional characters)
ZH_SURNAMES = list("齊魯韋尚左崔饒閔耿辛柴裴鄺甄卜阮屈郝褚衛翟俞容利植勞單房滕畢于顧禹舒項季梅虞辜")
ZH_GIVEN = list("庚元有吉根細歷定獅三聲勛邦炎若旺相傳六令希彪愛禎祿梧桐燦豹娘"
                "宗權鑫淳澄鈞煒焯恩慈聰穗婕娜妮嫻琬瑤瑄璐璟瑾珊玉珮佩芬芝芷莉茹菁蓓蕾薰藝秋冬柔樺楠楷"
                "歡正泰洋涵淵湘溢漢潮炫烈然熙燁牧璋皓益盈真碩祐紫紹統緯聖肇育舜航芊茂菲蔚詠誼謙貴賓迪"
                "通運道遙鈺銓錚鎮長開陽隆雄雪震霆青韜頌頤顯馨駿騰鶴麒黛齡")
ZH_HOKKIEN = {
    "梅": ["Boey", "Mui"], "辛": ["Sin"], "崔": ["Chui"], "魯": ["Loo"], "饒": ["Jiau"], "顧": ["Koo"],
    "阮": ["Ng", "Guan"], "俞": ["Joo"], "尚": ["Siong"], "裴": ["Pua"], "季": ["Kui"], "甄": ["Chin"],
    "滕": ["Teng"], "衛": ["Wee"], "左": ["Cho"], "辜": ["Koh"],
    "庚": ["Kee"], "元": ["Guan"], "有": ["Yew"], "吉": ["Kit"], "根": ["Koon"], "細": ["Soi"], "歷": ["Lek"],
    "定": ["Ting"], "獅": ["Sai"], "三": ["San"], "聲": ["Sing"], "勛": ["Hng"], "邦": ["Pang"], "炎": ["Yam"],
    "若": ["Jiak"], "旺": ["Ong"], "相": ["Siang"], "傳": ["Tuan"], "六": ["Lark"], "令": ["Leng"], "希": ["Hee"],
    "彪": ["Piow"], "愛": ["Ai"], "禎": ["Cheng"], "祿": ["Lock"], "梧": ["Goh"], "桐": ["Tong"], "燦": ["Chan"],
    "豹": ["Par"], "娘": ["Neo"],
}
ZH_COMMON = list("王李張陳")

# ---------------------------------------------------------------- Thai: (Thai script, RTGS, [passport spellings])
TH_GIVEN = [
    ("ธานินทร์", "Thanin", ["Thanin"]), ("สัญญา", "Sanya", ["Sanya", "Sunya"]), ("พจน์", "Phot", ["Pote", "Pot"]),
    ("ควง", "Khuang", ["Khuang", "Kuang"]), ("แปลก", "Plaek", ["Plaek"]), ("บัญญัติ", "Banyat", ["Banyat", "Bunyat"]),
    ("กอบศักดิ์", "Kopsak", ["Kobsak"]), ("สมคิด", "Somkhit", ["Somkid"]), ("อุตตม", "Uttom", ["Uttama"]),
    ("ดอน", "Don", ["Don"]), ("ประจิน", "Prachin", ["Prajin"]), ("อนุพงษ์", "Anuphong", ["Anupong"]),
    ("ศักดิ์สยาม", "Saksayam", ["Saksayam"]), ("เนวิน", "Newin", ["Newin", "Nevin"]),
    ("ชัยวุฒิ", "Chaiwut", ["Chaiwut", "Chaiwoot"]), ("สุพัฒนพงษ์", "Suphatthanaphong", ["Supattanapong"]),
    ("อาคม", "Akhom", ["Arkhom", "Akom"]), ("ธรรมนัส", "Thammanat", ["Thamanat", "Thammanat"]),
    ("จุติ", "Chuti", ["Juti"]), ("ชูวิทย์", "Chuwit", ["Chuvit"]), ("สุริยะ", "Suriya", ["Suriya"]),
    ("ปิยบุตร", "Piyabut", ["Piyabutr"]), ("ศิริกัญญา", "Sirikanya", ["Sirikanya"]),
    ("รังสิมันต์", "Rangsiman", ["Rangsiman"]), ("ชลน่าน", "Chonlanan", ["Cholnan"]), ("สุทิน", "Suthin", ["Sutin"]),
    ("พีระพันธุ์", "Phiraphan", ["Pirapan", "Peerapan"]), ("ปานปรีย์", "Panpri", ["Parnpree"]),
    ("มาริษ", "Marit", ["Maris"]), ("จักรพงษ์", "Chakkraphong", ["Chakrapong"]),
    ("ธีรรัตน์", "Thirarat", ["Teerat", "Theerarat"]), ("เผ่าภูมิ", "Phaophum", ["Paophum"]),
    ("สุนิสา", "Sunisa", ["Sunisa"]), ("อรอุมา", "On-uma", ["Ornuma", "Onuma"]),
    ("ศศิธร", "Sasithon", ["Sasithorn", "Sasitorn"]), ("ปิยะวดี", "Piyawadi", ["Piyawadee"]),
    ("รัชนี", "Ratchani", ["Rachanee", "Ratchanee"]), ("อัจฉรา", "Atchara", ["Achara", "Atchara"]),
    ("จันทิมา", "Chanthima", ["Jantima", "Chantima"]), ("นันทนา", "Nanthana", ["Nantana", "Nanthana"]),
    ("ดารุณี", "Daruni", ["Darunee"]), ("ทัศนีย์", "Thatsani", ["Tassanee", "Tasanee"]),
    ("อุไรวรรณ", "Uraiwan", ["Uraiwan"]), ("เบญจวรรณ", "Benchawan", ["Benjawan"]),
    ("จารุวรรณ", "Charuwan", ["Jaruwan"]), ("ธิดารัตน์", "Thidarat", ["Tidarat", "Thidarat"]),
    ("วาสนา", "Watsana", ["Wassana", "Watsana"]), ("สุมาลี", "Sumali", ["Sumalee"]),
]
TH_SURNAMES = [
    ("ธรรมศักดิ์", "Thammasak", ["Dharmasakti"]), ("สารสิน", "Sarasin", ["Sarasin"]),
    ("อภัยวงศ์", "Aphaiwong", ["Abhaiwongse", "Aphaiwong"]),
    ("พิบูลสงคราม", "Phibunsongkhram", ["Pibulsonggram", "Phibunsongkhram"]),
    ("บรรทัดฐาน", "Banthatthan", ["Bantadtan"]), ("ภูตระกูล", "Phutrakun", ["Pootrakool"]),
    ("จาตุศรีพิทักษ์", "Chatusiphithak", ["Jatusripitak"]), ("สาวนายน", "Sawanayon", ["Savanayana"]),
    ("ปรมัตถ์วินัย", "Poramatwinai", ["Pramudwinai"]), ("จั่นตอง", "Chantong", ["Juntong"]),
    ("เผ่าจินดา", "Phaochinda", ["Paochinda"]), ("ชิดชอบ", "Chitchop", ["Chidchob"]),
    ("เกยุราพันธุ์", "Keyuraphan", ["Keyuraphan"]), ("ธนาคมานุสรณ์", "Thanakhamanuson", ["Thanakamanusorn"]),
    ("พันธ์มีเชาว์", "Phanmichao", ["Punmeechaow"]),
    ("เติมพิทยาไพสิฐ", "Toemphitthayaphaisit", ["Termpittayapaisith"]), ("พรหมเผ่า", "Phromphao", ["Prompow"]),
    ("ไกรฤกษ์", "Krairoek", ["Krairiksh"]), ("กมลวิศิษฎ์", "Kamonwisit", ["Kamolvisit"]),
    ("จึงรุ่งเรืองกิจ", "Chungrungrueangkit", ["Juangroongruangkit"]),
    ("แสงกนกกุล", "Saengkanokkun", ["Saengkanokkul"]), ("ตันสกุล", "Tansakun", ["Tansakul"]),
    ("โรม", "Rom", ["Rome"]), ("ศรีแก้ว", "Sikaeo", ["Srikaew"]), ("คลังแสง", "Khlangsaeng", ["Klungsang"]),
    ("สาลีรัฐวิภาค", "Salirattawiphak", ["Salirathavibhaga"]),
    ("พหิทธานุกร", "Phahitthanukon", ["Bahiddhanukara"]), ("เสงี่ยมพงษ์", "Sa-ngiamphong", ["Sangiampongsa"]),
    ("แสงมณี", "Saengmani", ["Sangmanee", "Saengmanee"]), ("สำเร็จวาณิชย์", "Samretwanit", ["Samrejvanich"]),
    ("โรจนสกุล", "Rotchanasakun", ["Rojanasakul"]),
    ("ทองมี", "Thongmi", ["Thongmee", "Tongmee"]), ("ศรีทอง", "Sithong", ["Srithong"]),
    ("บุญเกิด", "Bunkoet", ["Boonkerd"]), ("แก้วดี", "Kaeodi", ["Kaewdee"]), ("สุขใจ", "Sukchai", ["Sukjai", "Sukchai"]),
    ("เพชรสุวรรณ", "Phetsuwan", ["Petchsuwan"]), ("มณีรัตน์", "Manirat", ["Maneerat"]),
    ("วงศ์ทอง", "Wongthong", ["Wongtong", "Wongthong"]), ("ชัยชนะ", "Chaichana", ["Chaichana"]),
]

# ---------------------------------------------------------------- Khmer: (Khmer script, [customary spellings])
KM_SURNAMES = [
    ("ឈាង", ["Chheang", "Chhieng"]), ("ជាម", ["Cheam", "Chiem"]), ("ហង់", ["Hang"]), ("វណ្ណ", ["Vann", "Van"]),
    ("ប្រាជ្ញ", ["Prach"]), ("ប៊ិន", ["Bin"]), ("លឹម", ["Lim", "Lem"]), ("កឹម", ["Kem", "Kim"]), ("លូ", ["Lu", "Lou"]),
    ("អៀង", ["Ieng", "Eang"]), ("ម៉ុក", ["Mok", "Mouk"]), ("កុយ", ["Koy", "Koi"]), ("ឌិត", ["Dith", "Dit"]),
    ("កៅ", ["Kao", "Kav"]), ("ហុក", ["Hok", "Houk"]),
]
KM_GIVEN = [
    ("វុន", ["Vun", "Voun"]), ("យាប", ["Yeap", "Yiep"]), ("ណារ៉ុន", ["Naron", "Narun"]),
    ("ម៉ូលីវណ្ណ", ["Molyvann", "Molyvan"]), ("ឈិន", ["Chhin", "Chin"]), ("សារី", ["Sary", "Sari"]),
    ("ម៉ារ៉េត", ["Mareth", "Maret"]), ("គួង", ["Kuong", "Kuang"]), ("ប្រាណ", ["Pran"]), ("ឡង់ឌី", ["Lundy", "Londy"]),
    ("សុខនី", ["Sokny", "Sokni"]), ("ស្រីពេជ្រ", ["Sreypich", "Srey Pich"]), ("សុខជា", ["Sokchea"]),
    ("ចាន់ធា", ["Chantha", "Chanta"]), ("សុវណ្ណារី", ["Sovannary", "Sovanary"]), ("ស្រីមាស", ["Sreymeas", "Srey Meas"]),
    ("សុផាត", ["Sophat", "Sophath"]), ("សុគន្ធា", ["Sokuntha", "Sokhuntha"]), ("ស៊ីថា", ["Sitha", "Sytha"]),
    ("ចន្ទ", ["Chan", "Chann"]),
]

# ---------------------------------------------------------------- Burmese: (script, MLCTS, [customary spellings])
MY_SYLLABLES = [
    ("စံ", "cam", ["San", "Sann"]), ("သောင်း", "saung", ["Thaung"]), ("ပြည်", "prany", ["Pyi"]),
    ("ဆိုင်း", "hcuing", ["Hsaing", "Saing"]), ("ကြိုင်", "kruing", ["Kyaing"]), ("ဘွား", "bhwa", ["Bwar", "Bwa"]),
    ("သွင်", "swang", ["Thwin"]), ("ပိုး", "pui", ["Poe", "Po"]), ("ခွန်", "hkwan", ["Khun", "Khon"]),
    ("မွန်", "mwan", ["Mon", "Mun"]), ("နှင်း", "hnang", ["Hnin"]), ("ရည်", "rany", ["Yi", "Yee"]),
    ("ဝတ်", "wat", ["Wut", "Wutt"]), ("ထိန်", "htin", ["Htein"]), ("အုန်း", "un", ["Ohn", "Ohne"]),
    ("ဖိုး", "hpui", ["Pho", "Phoe"]), ("ကျင်", "kyang", ["Kyin"]),
]

# ---------------------------------------------------------------- Vietnamese
VI_SURNAMES = ["Khương", "Lều", "Mông", "Ôn", "Bế", "Lạc", "Lư", "Mạch", "Nhan", "Phó", "Quản", "Thi", "Thiều",
               "Trình", "Viên", "Đường", "Chung", "Hàn", "Ma", "Nhữ", "Tất", "Thang"]
VI_MIDDLE = ["Thùy", "Phi", "Thúy", "Thục", "Đoan", "Thiên", "Khả", "Nhã", "Tố", "Trường"]
VI_GIVEN = ["Hào", "Dân", "Hoan", "Tịnh", "Uy", "Hiên", "Khiêm", "Kiệt", "Nhất", "Phụng", "Quyền", "Thoại", "Trúc",
            "Vỹ", "Đạo", "Lành", "Mơ", "Nguyệt", "Sen", "Tơ", "Cương", "Hợp", "Nhuận", "Xuyến", "Ngôn"]
VI_TONE_TWINS = [("Hào", "Hảo"), ("Dân", "Dần"), ("Hoan", "Hoàn"), ("Tịnh", "Tính"), ("Uy", "Úy")]

# ---------------------------------------------------------------- Indonesian (modern spellings) and Malay
ID_NAMES = ["Syafruddin", "Prawiranegara", "Sutomo", "Abdurrahman", "Wahid", "Amien", "Rais", "Budiono", "Kalla",
            "Sujatmoko", "Mustopo", "Jarot", "Kumolo", "Hamengkubuwono", "Ruslan", "Abdulgani", "Subadio",
            "Sastrosatomo", "Sukanto", "Sutiyoso", "Puspitasari", "Fitriani", "Anggraini", "Permatasari", "Nurjanah",
            "Hidayati", "Setiadi", "Prasetyo", "Hartono", "Yulius", "Suciati", "Cahyaningrum", "Nyoto", "Syamsuddin",
            "Khoirunnisa", "Purnamasari"]
MS_MALE = ["Azhar", "Bakar", "Borhan", "Fadzil", "Hisham", "Ikhwan", "Jalil", "Kadir", "Mansor", "Nizam", "Rizal",
           "Sabri", "Shukri", "Zaki", "Zubir", "Fuad", "Ishak", "Yazid", "Halim", "Tarmizi", "Hashim"]
MS_FEMALE = ["Azlina", "Fauziah", "Habibah", "Juliana", "Marina", "Normah", "Rohana", "Salbiah", "Suhaila", "Zubaidah",
             "Ramlah"]
MS_VARIANTS = {"Mansor": ["Mansur"], "Kadir": ["Qadir", "Kader"], "Shukri": ["Syukri"], "Fadzil": ["Fadhil", "Fazil"],
               "Borhan": ["Burhan"], "Ishak": ["Ishaq"], "Zubir": ["Zubair"], "Hashim": ["Hasyim"], "Fuad": ["Fouad"],
               "Jalil": ["Jaleel"], "Fauziah": ["Fauziyah"], "Suhaila": ["Suhailah"], "Zubaidah": ["Zubaedah"],
               "Ramlah": ["Ramla"], "Salbiah": ["Salbiyah"], "Normah": ["Noormah"]}

# ---------------------------------------------------------------- Filipino
PH_GIVEN = ["Alfredo", "Bernadette", "Crisanto", "Estelita", "Florante", "Gregorio", "Honeylyn", "Ignacio", "Jovito",
            "Lilibeth", "Melchor", "Nilo", "Ofelia", "Primitivo", "Rosalinda", "Salvacion", "Ulysses", "Virginia",
            "Wenceslao", "Maria Fe", "Maria Elena", "Maria Isabel", "Mary Joy", "Ronaldo", "Evelyn"]
PH_SURNAMES = ["Arroyo", "Enrile", "Honasan", "Drilon", "Pangilinan", "Sotto", "Zubiri", "Binay", "Gomez", "Alvarez",
               "Javier", "Rosales", "Medina", "Mariano", "Padilla", "Robles", "Valencia", "Galang", "Tiongson",
               "Agbayani", "Mangahas", "Dela Torre", "De Jesus", "Del Castillo", "San Miguel", "Delos Angeles"]
