"""Name lists of the eighth evaluation set (eval8, issue 14): every distinguishing name part here is absent from lists.py,
lists4.py, lists5.py, lists6.py and lists7.py in its role (generate_eval8.py checks it). Facts of record, written
without looking at the matcher's tables or at any failure of the matcher:

- Korean: family names of Statistics Korea's 2015 census of family names not in the earlier lists (부, 복, 두, 갈, 동,
  묵, 선, 요, 초, 궁, 판, 뇌, 애 and the two-syllable 강전, 어금, 소봉) with their McCune-Reischauer form and the
  spellings their bearers use (Boo/Bu, Bok, Doo/Du, Gal/Kal, Mook, Sun/Seon); given-name syllables of registered
  given names not in the earlier lists. Revised Romanization and McCune-Reischauer of the given name are computed
  (romanise.py).
- Chinese: family names of the Hundred Family Surnames not in the earlier lists (姬, 皮, 卞, 穆, 祁, 米, 貝, 臧, 談, 茅,
  席, 路, 婁, 危, 刁, 應, 杭, 焦, 巴, 谷, 班, 寧, 景, 蒲, 蒙, 池, 申, 桑, 牛, 冷, 佘 ...) and given-name characters,
  traditional forms; Pinyin and Jyutping from Unihan (kMandarin, kCantonese). Hokkien spellings: the readings of the
  Taiwanese Ministry of Education's dictionary of Taiwanese Hokkien (literary and, where names use it, colloquial:
  水 Chui, 田 Chan, 百 Pah, 雨 Hoo, 亞 Ah, 來 Lai, 池 Tee) written the way Singapore and Malaysian registries spell
  them, and the spellings of public figures as registered (Lim Chong Yah 林崇椰, Desmond Lee Ti-Seng 李智陞, Fong Swee
  Suan 方水泉, Oei Tiong Ham 黃仲涵, Seow Poh Leng 蕭保齡, Teo Ser Luck 張思樂, Lim Keng Yaik 林敬益).
- Thai: names of public figures with their official English spellings, several transliterating the Pali-Sanskrit
  spelling (พ as b or bh, ภ as bh, ค as g, a final a written): Sukhumbhand Paribatra, Thanong Bidaya, Tarrin
  Nimmanahaeminda, Bhokin Bhalakula, Bhichit Rattakul, Kantathi Suphamongkhon, Kittiratt, Surapong Tovichakchaikul,
  Pongthep Thepkanjana, Olarn Chaipravat, Virabongsa Ramangkura, Yongyuth Wichaidit, Sanan Kachornprasart, Somsak
  Thepsutin, Suwat Liptapanlop, Purachai Piumsomboon, Jatuporn Prompan, Sondhi Limthongkul, Chamlong Srimuang, Aswin
  Kwanmuang, Thirachai Phuvanatnaranubala, Arthit Ourairat, Bunnag, Amornvivat; common names of Thai civil
  registration; the RTGS form (Royal Institute 1999) beside the passport spellings. Titles as in lists5.
- Khmer: family and given names of Cambodian public figures as published in Khmer and in their English spellings
  (Son Sann, In Tam, Lon Nol, Khieu Samphan, Ieng Thirith, Hun Manet, Prak Sokhonn, Sun Chanthol, Chea Chanto, Keo
  Remy, Chhay Than, Khuon Sudary, Mam Bunheng, Say Chhum, Sok An, Long Boret) and common given names.
- Burmese: name syllables not in the earlier lists with their MLCTS transcription (Myanmar Language Commission 1980,
  tone marks dropped) and customary spellings (Htut, Saw, Shin, Taw, Thwe, Phone, Hmaing, Naw, Naung, Pyae, Nge,
  Shun, Wunna, Sandar, Yadanar, Tayza, Eaint); the honorifics of lists5.
- Vietnamese: family names of the Vietnamese surname lists not in the earlier lists (Cấn, Đậu, Lữ, Mã, Ngụy, Tiết,
  Vạn, Chế, Chử, Đổng, Điêu, Nhâm, Phàn, Sử, Tào, Tưởng, Yên), middle and given names not in the earlier lists;
  tone-mark twins (Thương / Thưởng, Tuân / Tuần, Chiến / Chiên, Liêm / Liễm, Kiếm / Kiểm).
- Indonesian: names of public figures of the independence era, recorded in the pre-1972 spelling (Hatta, Soepratman,
  Amir Sjarifoeddin, Natsir, Wahid Hasjim, Kartosoewirjo, Soewardi, Poerbatjaraka, Jamin, Nasoetion, Oerip
  Soemohardjo, Sastroamidjojo, Boerhanoeddin Harahap, Gatot Soebroto, Achmad Jani, Pandjaitan, Soetojo) and common
  modern names; the generator writes the old spelling by the 1972 reform's rules.
- Malay: given names common in Malaysia's registry not in the earlier lists, with their customary spelling variants
  (Baharuddin / Baharudin, Jamaluddin / Jamaludin, Sufian / Sofian / Sufyan, Affendi / Effendi, Balqis / Balkis).
- Filipino: family names of the Philippine Statistics Authority's registry and of public figures (Abad, Belmonte,
  Cojuangco, Escudero, Gatchalian, Hontiveros, Jalosjos, Lapid, Nograles, Pimentel, Revilla, Umali, Villar, Zamora,
  Dela Paz, De Lima, Del Valle, San Jose, Dela Vega ...) and given names not in the earlier lists.
Common parts (김/이/박, 王/李/張/陳, Nguyễn/Trần/Lê + Văn/Thị) come from lists5.py as before, used only with given parts
from this file.
"""
from lists5 import MS_MARKERS, MY_HONORIFICS, TH_TITLES, VI_COMMON  # noqa: F401 (markers, titles, common parts)

# ---------------------------------------------------------------- Korean: (Hangul, McCune-Reischauer, [customary])
KO_SURNAMES = [
    ("부", "Pu", ["Boo", "Bu"]), ("복", "Pok", ["Bok", "Pok"]), ("두", "Tu", ["Doo", "Du"]), ("갈", "Kal", ["Gal", "Kal"]),
    ("동", "Tong", ["Dong", "Tong"]), ("묵", "Muk", ["Mook", "Muk"]), ("선", "Sŏn", ["Sun", "Seon"]),
    ("요", "Yo", ["Yo", "Yoh"]), ("초", "Ch'o", ["Cho", "Choh"]), ("궁", "Kung", ["Gung", "Kung"]),
    ("판", "P'an", ["Pan"]), ("뇌", "Noe", ["Noe", "Roe"]), ("애", "Ae", ["Ae"]), ("강전", "Kangjŏn", ["Gangjeon"]),
    ("어금", "Ŏgŭm", ["Eogeum"]), ("소봉", "Sobong", ["Sobong"]),
]
KO_GIVEN = list("갑개귀극낙달돌루립막맹목몽묵번봄빛사샘섬악약억업염육융잠적증집징찰첨촌총출취통특팔함합혼확훤")

# ---------------------------------------------------------------- Chinese (traditional characters)
ZH_SURNAMES = list("姬皮卞穆祁米貝臧談茅席路婁危刁應杭焦巴谷班寧景蒲蒙池申桑牛冷佘")
ZH_GIVEN = list("崇椰陞潤堂旋佑亞來觀友實敬瀛洲仲保樂水丹倫楚凡可彤純夢嵐巧伶桃櫻露霜心念意功勳宸宜寬峻嵩帆庭延"
                "律恆懷承政旭昭朗樹民河治津浚淇深溪濱煌照爵登百直端笙策翊芸蒼衡規言語諾越郁重鍵鏡雋雨頂風馳")
ZH_HOKKIEN = {
    "皮": ["Phee", "Pee"], "卞": ["Pian"], "穆": ["Bok"], "米": ["Bee"], "談": ["Tam"], "路": ["Loo"], "危": ["Gui"],
    "應": ["Eng"], "杭": ["Hang"], "焦": ["Chiau"], "巴": ["Pa"], "谷": ["Kok"], "班": ["Pan"], "景": ["Keng"],
    "蒙": ["Bong"], "池": ["Tee", "Ti"], "申": ["Sin"], "牛": ["Goo", "Gu"], "冷": ["Leng"], "佘": ["Sia", "Seah"],
    "崇": ["Chong"], "椰": ["Yah", "Ya"], "陞": ["Seng"], "堂": ["Tong", "Thong"], "旋": ["Suan"], "佑": ["Yew", "Iu"],
    "亞": ["Ah"], "來": ["Lai"], "觀": ["Kuan", "Kwan"], "友": ["Yew", "Yu"], "實": ["Sit"], "敬": ["Keng"],
    "仲": ["Tiong"], "保": ["Poh"], "樂": ["Lok", "Luck"], "水": ["Chui", "Swee"], "心": ["Sim"], "民": ["Bin"],
    "河": ["Hoe", "Ho"], "深": ["Chim"], "照": ["Chiau"], "百": ["Pah", "Pek"], "重": ["Tiong"], "雨": ["Hoo", "U"],
    "風": ["Hong"], "政": ["Cheng"], "旭": ["Hiok"], "朗": ["Long"], "庭": ["Teng"], "端": ["Tuan"], "溪": ["Khe", "Kheh"],
    "丹": ["Tan"], "倫": ["Loon", "Lun"], "凡": ["Huan"], "可": ["Khor", "Koh"], "意": ["Ee"], "念": ["Liam"],
    "寬": ["Khuan"], "延": ["Yan"], "承": ["Seng"], "昭": ["Chiau"], "爵": ["Chiok"], "登": ["Teng"], "衡": ["Heng"],
    "語": ["Gee", "Gi"], "越": ["Wat"], "功": ["Kong"], "勳": ["Hoon", "Hun"], "樹": ["Chiu", "Soo"],
}
ZH_COMMON = list("王李張陳")

# ---------------------------------------------------------------- Thai: (Thai script, RTGS, [passport spellings])
TH_GIVEN = [
    ("ภูมิพล", "Phumiphon", ["Bhumibol", "Phumiphon"]), ("สุขุมพันธุ์", "Sukhumphan", ["Sukhumbhand"]),
    ("ทนง", "Thanong", ["Thanong"]), ("ธารินทร์", "Tharin", ["Tarrin", "Tharin"]), ("กันตธีร์", "Kantathi", ["Kantathi"]),
    ("กิตติรัตน์", "Kittirat", ["Kittiratt"]), ("สุรพงษ์", "Suraphong", ["Surapong"]),
    ("พงษ์เทพ", "Phongthep", ["Pongthep"]), ("โอฬาร", "Olan", ["Olarn"]), ("โภคิน", "Phokhin", ["Bhokin", "Pokin"]),
    ("ยงยุทธ", "Yongyut", ["Yongyuth", "Yongyut"]), ("สนั่น", "Sanan", ["Sanan"]), ("สุวัจน์", "Suwat", ["Suwat", "Suwaj"]),
    ("ปุระชัย", "Purachai", ["Purachai"]), ("ไกรศักดิ์", "Kraisak", ["Kraisak"]),
    ("จตุพร", "Chatuphon", ["Jatuporn", "Chatuporn"]), ("จำลอง", "Chamlong", ["Chamlong"]),
    ("อัศวิน", "Atsawin", ["Aswin", "Assawin"]), ("พิจิตต", "Phichit", ["Bhichit", "Pichit"]),
    ("ธีระชัย", "Thirachai", ["Thirachai", "Teerachai"]), ("อาทิตย์", "Athit", ["Arthit", "Athit"]),
    ("สมหมาย", "Sommai", ["Sommai", "Sommay"]), ("บุญมี", "Bunmi", ["Boonmee", "Bunmee"]), ("มานพ", "Manop", ["Manop", "Manob"]),
    ("ประพันธ์", "Praphan", ["Prapan", "Prapun"]), ("สุรศักดิ์", "Surasak", ["Surasak"]), ("ชาตรี", "Chatri", ["Chatree", "Chatri"]),
    ("วิรัช", "Wirat", ["Virach", "Wirach"]), ("อำพล", "Amphon", ["Ampol", "Amphol"]), ("ปรีชา", "Pricha", ["Preecha", "Pricha"]),
    ("บุษบา", "Butsaba", ["Busaba", "Budsaba"]), ("พิมพา", "Phimpha", ["Pimpa", "Phimpa"]),
    ("อรพรรณ", "Oraphan", ["Orapan", "Orrapan"]), ("สุดา", "Suda", ["Suda"]), ("วิมลรัตน์", "Wimonrat", ["Vimonrat", "Wimolrat"]),
    ("ภาวิณี", "Phawini", ["Pavinee", "Phawinee"]), ("จิตรา", "Chittra", ["Jittra", "Chitra"]), ("นิภา", "Nipha", ["Nipa", "Nipha"]),
    ("ประไพ", "Praphai", ["Prapai", "Praphai"]), ("สมจิตร", "Somchit", ["Somjit", "Somchit"]),
    ("บุญช่วย", "Bunchuai", ["Boonchuay", "Bunchuay"]),
]
TH_SURNAMES = [
    ("บริพัตร", "Boriphat", ["Paribatra"]), ("พิทยะ", "Phitthaya", ["Bidaya"]),
    ("นิมมานเหมินท์", "Nimmanhemin", ["Nimmanahaeminda"]), ("ศุภมงคล", "Suphamongkhon", ["Suphamongkhon", "Supamongkol"]),
    ("โตวิจักษณ์ชัยกุล", "Towichakchaikun", ["Tovichakchaikul"]), ("เทพกาญจนา", "Thepkanchana", ["Thepkanjana"]),
    ("ไชยประวัติ", "Chaiprawat", ["Chaipravat"]), ("รามางกูร", "Ramangkun", ["Ramangkura"]),
    ("พลกุล", "Phonlakun", ["Bhalakula", "Polakul"]), ("วิชัยดิษฐ", "Wichaidit", ["Wichaidit"]),
    ("ขจรประศาสน์", "Khachonprasat", ["Kachornprasart"]), ("เทพสุทิน", "Thepsuthin", ["Thepsutin"]),
    ("ลิปตพัลลภ", "Liptaphanlop", ["Liptapanlop"]), ("เปี่ยมสมบูรณ์", "Piamsombun", ["Piumsomboon", "Piamsomboon"]),
    ("พรหมพันธุ์", "Phromphan", ["Prompan"]), ("ลิ้มทองกุล", "Limthongkun", ["Limthongkul"]),
    ("ศรีเมือง", "Simueang", ["Srimuang"]), ("ขวัญเมือง", "Khwanmueang", ["Kwanmuang"]), ("รัตตกุล", "Rattakun", ["Rattakul"]),
    ("ภูวนาถนรานุบาล", "Phuwanatnaranuban", ["Phuvanatnaranubala"]), ("อุไรรัตน์", "Urairat", ["Ourairat"]),
    ("บุนนาค", "Bunnak", ["Bunnag"]), ("อมรวิวัฒน์", "Amonwiwat", ["Amornvivat"]), ("ปัทมะ", "Phatthama", ["Pattama"]),
    ("ศรีสุวรรณ", "Sisuwan", ["Srisuwan"]), ("ทองเจริญ", "Thongcharoen", ["Thongcharoen", "Tongcharoen"]),
    ("พรหมจันทร์", "Phromchan", ["Promchan"]), ("แก้วสว่าง", "Kaeosawang", ["Kaewsawang"]),
    ("จันทร์สว่าง", "Chansawang", ["Junsawang", "Chansawang"]), ("ปานทอง", "Panthong", ["Parnthong", "Panthong"]),
    ("เจริญสุข", "Charoensuk", ["Jaroensuk", "Charoensuk"]), ("มีชัย", "Michai", ["Meechai"]),
    ("นาคประเสริฐ", "Nakprasoet", ["Nakprasert"]), ("ใจงาม", "Chai-ngam", ["Jaingam", "Chaingam"]),
]

# ---------------------------------------------------------------- Khmer: (Khmer script, [customary spellings])
KM_SURNAMES = [
    ("សឺន", ["Son", "Sun"]), ("អ៊ិន", ["In", "Inn"]), ("លន់", ["Lon", "Lonn"]), ("ឃួន", ["Khuon", "Khoun"]),
    ("តាំង", ["Taing", "Tang"]), ("ស្វាយ", ["Svay", "Swai"]), ("យិន", ["Yin", "Yen"]), ("ចេង", ["Cheng"]),
    ("ឡេង", ["Leng", "Lieng"]), ("ណុប", ["Nop", "Nob"]), ("ស្រេង", ["Sreng", "Srieng"]), ("ម៉េង", ["Meng", "Mieng"]),
    ("ហ៊ាង", ["Heang", "Hieng"]), ("ជួន", ["Chuon", "Choun"]), ("អ៊ុង", ["Ung", "Oung"]), ("ឡាយ", ["Lay", "Leay"]),
    ("ស៊ាង", ["Seang", "Sieng"]), ("ណាក់", ["Nak", "Nack"]),
]
KM_GIVEN = [
    ("សាន", ["Sann", "San"]), ("តាំ", ["Tam", "Taam"]), ("ណុល", ["Nol", "Noll"]), ("សំផន", ["Samphan", "Somphan"]),
    ("ធីរិទ្ធ", ["Thirith", "Thirit"]), ("ម៉ាណែត", ["Manet", "Manett"]), ("ម៉ានី", ["Many", "Mani"]),
    ("សុខុន", ["Sokhonn", "Sokhon"]), ("ចាន់ថុល", ["Chanthol", "Chanthul"]), ("ចាន់តូ", ["Chanto", "Chantou"]),
    ("រ៉េមី", ["Remy", "Remi"]), ("ថន", ["Than", "Thon"]), ("សុដារី", ["Sudary", "Sodary"]),
    ("ប៊ុនហេង", ["Bunheng", "Bun Heng"]), ("ឈុំ", ["Chhum", "Chhom"]), ("អាន", ["An", "Ann"]), ("បូរ៉េត", ["Boret", "Borett"]),
    ("ស្រីនិច", ["Sreynich", "Srey Nich"]), ("សុធាវី", ["Sotheavy", "Sothavy"]), ("ដាលីន", ["Dalin", "Daline"]),
    ("ពិសាល", ["Pisal", "Piseal"]), ("សុភារី", ["Sopheary", "Sophary"]), ("សេរី", ["Serey", "Sery"]),
    ("វណ្ណារិទ្ធ", ["Vannarith", "Vannarit"]), ("ធារិទ្ធ", ["Tharith", "Tharit"]),
]

# ---------------------------------------------------------------- Burmese: (script, MLCTS, [customary spellings])
MY_SYLLABLES = [
    ("ထွဋ်", "htwat", ["Htut", "Htoot"]), ("စော", "cau", ["Saw"]), ("ရှင်", "hrang", ["Shin"]), ("တော်", "tau", ["Taw"]),
    ("သွယ်", "swai", ["Thwe", "Thway"]), ("ဖုန်း", "hpun", ["Phone", "Hpone"]), ("မှိုင်း", "hmuing", ["Hmaing"]),
    ("နော်", "nau", ["Naw"]), ("နောင်", "naung", ["Naung"]), ("ပြေ", "pre", ["Pyae", "Pyay"]), ("ငယ်", "ngai", ["Nge", "Ngay"]),
    ("ရွှန်း", "hrwan", ["Shun", "Shunn"]), ("ဝဏ္ဏ", "wanna", ["Wunna", "Wanna"]), ("စန္ဒာ", "canda", ["Sandar", "Sanda"]),
    ("ရတနာ", "ratana", ["Yadanar", "Yadana"]), ("တေဇ", "teja", ["Tayza", "Tezza"]), ("အိမ့်", "im", ["Eaint", "Aint"]),
]

# ---------------------------------------------------------------- Vietnamese
VI_SURNAMES = ["Cấn", "Đậu", "Lữ", "Mã", "Ngụy", "Tiết", "Vạn", "Chế", "Chử", "Đổng", "Điêu", "Nhâm", "Phàn", "Sử", "Tào",
               "Tưởng", "Yên"]
VI_MIDDLE = ["Song", "Tiểu", "Uyển", "Ý", "Bội", "Mộng", "Cát", "Hiểu"]
VI_GIVEN = ["Thương", "Tuân", "Chiến", "Liêm", "Kiếm", "Cầm", "Dậu", "Điền", "Giao", "Khiết", "Lài", "Lụa", "Mận", "Nết",
            "Nhài", "Phấn", "Huấn", "Quảng", "Sứ", "Thìn", "Thơm", "Thường", "Tuất", "Vui", "Xinh"]
VI_TONE_TWINS = [("Thương", "Thưởng"), ("Tuân", "Tuần"), ("Chiến", "Chiên"), ("Liêm", "Liễm"), ("Kiếm", "Kiểm")]

# ---------------------------------------------------------------- Indonesian (modern spellings) and Malay
ID_NAMES = ["Hatta", "Supratman", "Sutan", "Syarifuddin", "Jokosutono", "Supriyadi", "Cokropranolo", "Jatikusumo",
            "Sumantri", "Subroto", "Natsir", "Hasyim", "Kartosuwiryo", "Suwardi", "Suryopranoto", "Dewantara",
            "Purbacaraka", "Yamin", "Nasution", "Urip", "Sumoharjo", "Sutarjo", "Wilopo", "Sastroamijoyo", "Burhanuddin",
            "Harahap", "Gatot", "Yani", "Panjaitan", "Haryono", "Parman", "Sutoyo", "Katamso", "Sugiyono", "Kartika",
            "Safitri", "Maharani", "Novianti"]
MS_MALE = ["Abu", "Adnan", "Affendi", "Baharuddin", "Fahmi", "Ghani", "Hanafi", "Jamaluddin", "Kamil", "Mazlan", "Naim",
           "Rosdi", "Sallehuddin", "Sufian", "Zamri", "Zainuddin", "Yusri", "Arif", "Khairuddin", "Nasaruddin"]
MS_FEMALE = ["Alia", "Balqis", "Diana", "Nabila", "Rosnani", "Sakinah", "Syazwani", "Wardah", "Zaharah", "Nurhaliza",
             "Rubiah"]
MS_VARIANTS = {"Baharuddin": ["Baharudin", "Bahruddin"], "Ghani": ["Ghany"], "Jamaluddin": ["Jamaludin"],
               "Kamil": ["Kamel"], "Naim": ["Naeem"], "Sallehuddin": ["Salahuddin", "Salehuddin"],
               "Sufian": ["Sofian", "Sufyan"], "Zainuddin": ["Zainudin"], "Fahmi": ["Fahmy"], "Adnan": ["Adenan"],
               "Arif": ["Arief"], "Zamri": ["Zamry"], "Yusri": ["Yusry"], "Affendi": ["Afendi", "Effendi"],
               "Khairuddin": ["Khairudin"], "Nasaruddin": ["Nasarudin", "Nasruddin"], "Balqis": ["Balkis", "Balqish"],
               "Nabila": ["Nabilah"], "Sakinah": ["Sakina"], "Syazwani": ["Shazwani"], "Zaharah": ["Zahara"],
               "Rubiah": ["Robiah"], "Alia": ["Aliya"]}

# ---------------------------------------------------------------- Filipino
PH_GIVEN = ["Amado", "Bayani", "Concordia", "Danica", "Eleuterio", "Felimon", "Gilbert", "Herminia", "Isidro",
            "Leticia", "Macario", "Norberto", "Pilar", "Rodelio", "Sonia", "Teofilo", "Urbano", "Venancio", "Wilma",
            "Maria Clara", "Maria Rosario", "Maria Angelica", "Mary Ann", "John Carlo", "Rhea"]
PH_SURNAMES = ["Abad", "Belmonte", "Cojuangco", "Dimaano", "Escudero", "Gatchalian", "Hontiveros", "Ilagan", "Jalosjos",
               "Lapid", "Nograles", "Pimentel", "Quimbo", "Revilla", "Saguisag", "Umali", "Villar", "Zamora",
               "Dela Paz", "De Lima", "Del Valle", "San Jose", "Dela Vega", "Delos Trinos"]
