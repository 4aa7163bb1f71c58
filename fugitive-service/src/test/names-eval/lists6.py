"""Name lists of the sixth evaluation set (eval6, issue 14): every distinguishing name part here is absent from lists.py,
lists4.py and lists5.py (generate_eval6.py checks it). Facts of record, written without looking at the matcher's tables:

- Korean: family names of Statistics Korea's 2015 census not in the earlier lists (길, 위, 태, 빈, 어, 은, 라, 피, 감,
  견, 계, 단, 동방, 서문 ...) with their McCune-Reischauer form and the spellings their bearers use (Gil/Kil, Wi/Wee,
  Eun/Un, Eo/Uh); given-name syllables of registered given names (Supreme Court name statistics) not in the earlier
  lists; Revised Romanization and McCune-Reischauer of given names are computed (romanise.py).
- Chinese: family names of the Hundred Family Surnames (秦, 孟, 盛, 萬, 龐, 雷, 段, 熊, 史, 任 ...) and given-name
  characters, traditional forms; Pinyin and Jyutping from Unihan (kMandarin, kCantonese). Hokkien/Teochew spellings
  are those of Singapore and Malaysian public figures as registered: Goh Keng Swee 吳慶瑞, Lim Kim San 林金山, Ong Teng
  Cheong 王鼎昌, Toh Chin Chye 杜進才, Goh Chok Tong 吳作棟, Tan Cheng Bock 陳清木, Yeo Cheow Tong 楊朝棟, Teo Chee Hean
  張志賢, Tan Tock Seng 陳篤生, Aw Boon Haw 胡文虎, Tan Siew Sin 陳修信, Khoo Teck Puat 邱德拔, Ng Teng Fong 黃廷方,
  Wee Cho Yaw 黃祖耀, Lee Kong Chian 李光前, Tan Chuan-Jin 陳川仁, Koh Poh Koon 許寶琨, Hon Sui Sen
  韓瑞生, Tan Kin Lian 陳欽亮; family names in the Hokkien readings of the Taiwanese Ministry of Education dictionary
  (秦 Chin, 孟 Beng, 盛 Seng, 萬 Ban, 龐 Pang, 雷 Lui, 段 Tuan, 熊 Hiong, 史 Su, 任 Jim).
- Thai: names of public figures with their official English spellings (Anand Panyarachun, Surin Pitsuwan, Kasit
  Piromya, Thanat Khoman, Seni Pramoj, Kukrit Pramoj, Sarit Thanarat, Thanom Kittikachorn, Kriangsak Chamanan,
  Surakiart Sathirathai, Wissanu Krea-ngam, Pridiyathorn Devakula, Supachai Panitchpakdi, Korbsak Sabhavasu, Trairong
  Suwankiri, Jurin Laksanawisit, Phumtham Wechayachai, Somluck Kamsing, Paweena Hongsakul, Uthai Pimchaichon) and
  common names of Thai civil registration; the RTGS form (Royal Institute 1999) beside the passport spellings
  (which transliterate the etymological spelling: Pramoj, Devakula, Sabhavasu).
- Khmer: family and given names of Cambodian public officials as published in Khmer and in their official English
  spellings (Sar Kheng, Tea Banh, Keat Chhon, Hor Namhong, Cham Prasidh, Ke Kim Yan, Im Chhun Lim, Pol Saroeun,
  Suy Sem, Ith Samheng, Ouch Borith, Thong Khon, Sam Rainsy, Mu Sochua, Aun Pornmoniroth, Neth Savoeun, Ngor Hongly)
  and common given names.
- Burmese: name syllables not in the earlier lists with their MLCTS transcription (Myanmar Language Commission 1980,
  tone marks dropped) and customary spellings (Htike, Nyi, Nann, Shein, Htoo, Ngwe, Gyi, Kywe, Myaing); the
  honorifics of lists5.
- Vietnamese: family names (Doãn, Giáp, Khúc, La, Ninh, Nông, Quan, Phí, Tiêu, Bạch, Cù, Đàm ...), middle and given
  names not in the earlier lists; tone-mark twins (An / Ân, Nghi / Nghị, Bằng / Băng, Thịnh / Thinh, Huyền / Huyên).
- Indonesian: names of public figures, several recorded in the pre-1972 spelling (Soeprapto, Soepomo, Moerdiono,
  Soedharmono, Ginandjar Kartasasmita, Ali Moertopo, Mochtar Kusumaatmadja, Juwono Sudarsono) and common modern
  names; the generator writes the old spelling by the 1972 reform's rules.
- Malay: given names common in Malaysia's registry not in the earlier lists, with their customary spelling variants
  (Hamzah / Hamza, Kassim / Kasim, Syafiq / Shafiq, Omar / Umar, Yahya / Yahaya, Sharifah / Syarifah).
- Filipino: family names of the Philippine Statistics Authority's registry and of public figures (Lacson, Cayetano,
  Estrada, Roxas, Recto, Macapagal, Magsaysay, Quirino, Laurel, Sison, Buenaventura, Concepcion, Dela Rosa, De Castro,
  Delos Reyes, San Pedro, De Vera) and given names not in the earlier lists.
Common parts (김/이/박, 王/李/張/陳, Nguyễn/Trần/Lê + Văn/Thị) come from lists5.py as before, used only with given parts
from this file.
"""
from lists5 import MY_HONORIFICS, TH_TITLES, VI_COMMON  # noqa: F401 (titles, honorifics, common parts: as eval5)

# ---------------------------------------------------------------- Korean: (Hangul, McCune-Reischauer, [customary])
KO_SURNAMES = [
    ("길", "Kil", ["Gil", "Kil"]), ("위", "Wi", ["Wi", "Wee"]), ("태", "T'ae", ["Tae"]), ("빈", "Pin", ["Bin", "Pin"]),
    ("어", "Ŏ", ["Eo", "Uh"]), ("은", "Ŭn", ["Eun", "Un"]), ("라", "Ra", ["Ra", "La"]), ("피", "P'i", ["Pi", "Pee"]),
    ("감", "Kam", ["Kam", "Gam"]), ("견", "Kyŏn", ["Kyun", "Gyeon"]), ("계", "Kye", ["Kye", "Gye"]),
    ("단", "Tan", ["Dan", "Tan"]), ("당", "Tang", ["Dang", "Tang"]), ("승", "Sŭng", ["Seung", "Sung"]),
    ("시", "Si", ["Shi", "Si"]), ("호", "Ho", ["Ho"]), ("간", "Kan", ["Kan", "Gan"]), ("창", "Ch'ang", ["Chang"]),
    ("순", "Sun", ["Soon", "Sun"]), ("범", "Pŏm", ["Bum", "Beom"]), ("목", "Mok", ["Mok"]),
    ("동방", "Tongbang", ["Dongbang"]), ("서문", "Sŏmun", ["Seomun"]),
]
KO_GIVEN = list("강계곤교권균난노담대두람랑려련로룡무배병봉부비산삼새설송신실안양언오위을임제조천초표풍항홍")

# ---------------------------------------------------------------- Chinese (traditional characters)
ZH_SURNAMES = list("秦孟盛萬龐雷段熊史任錢邢易苗鮑車戚費岳樊凌常向閻祝冼湛包喬賈駱")
ZH_GIVEN = list("慶瑞山鼎昌進才作棟木朝賢篤生虎修信拔廷祖前川仁寶琨欽彬昊軒韻晴悅倩茵瓊珍貞素桂菊蓮燕虹彩義禮忠廣啟堅毅群學彥發祥松柏森泉天星晶曉琛逸誠勤豐銳錫")
ZH_HOKKIEN = {
    "秦": ["Chin"], "孟": ["Beng"], "盛": ["Seng"], "萬": ["Ban"], "龐": ["Pang"], "雷": ["Lui"], "段": ["Tuan"],
    "熊": ["Hiong"], "史": ["Su"], "任": ["Jim"],
    "慶": ["Keng"], "瑞": ["Swee", "Sui"], "山": ["San"], "鼎": ["Teng"], "昌": ["Cheong"], "進": ["Chin"],
    "才": ["Chye"], "作": ["Chok"], "棟": ["Tong"], "木": ["Bock", "Bok"], "朝": ["Cheow"], "賢": ["Hean"],
    "篤": ["Tock"], "生": ["Seng"], "虎": ["Haw"], "修": ["Siew"], "信": ["Sin"], "拔": ["Puat"], "廷": ["Teng"],
    "祖": ["Cho"], "前": ["Chian"], "川": ["Chuan"], "仁": ["Jin"], "寶": ["Poh"], "琨": ["Koon"],
    "欽": ["Kin"],
}
ZH_COMMON = list("王李張陳")

# ---------------------------------------------------------------- Thai: (Thai script, RTGS, [passport spellings])
TH_GIVEN = [
    ("อานันท์", "Anan", ["Anand"]), ("สุรินทร์", "Surin", ["Surin"]), ("กษิต", "Kasit", ["Kasit"]),
    ("ถนัด", "Thanat", ["Thanat"]), ("เสนีย์", "Seni", ["Seni"]), ("คึกฤทธิ์", "Khukrit", ["Kukrit"]),
    ("สฤษดิ์", "Sarit", ["Sarit"]), ("ถนอม", "Thanom", ["Thanom"]), ("เกรียงศักดิ์", "Kriangsak", ["Kriangsak"]),
    ("สุรเกียรติ์", "Surakiat", ["Surakiart"]), ("วิษณุ", "Witsanu", ["Wissanu", "Visanu"]),
    ("ปรีดิยาธร", "Pridiyathon", ["Pridiyathorn"]), ("กอร์ปศักดิ์", "Kopsak", ["Korbsak"]),
    ("ไตรรงค์", "Trairong", ["Trairong"]), ("จุรินทร์", "Churin", ["Jurin"]), ("ภูมิธรรม", "Phumtham", ["Phumtham"]),
    ("สมรักษ์", "Somrak", ["Somluck", "Somrak"]), ("ปวีณา", "Pawina", ["Paweena"]), ("อุทัย", "Uthai", ["Uthai"]),
    ("ประสิทธิ์", "Prasit", ["Prasit", "Prasith"]), ("ชัยยุทธ", "Chaiyut", ["Chaiyuth", "Chaiyut"]),
    ("อนุชา", "Anucha", ["Anucha"]), ("ณัฐวดี", "Natthawadi", ["Nattawadee"]),
    ("กัลยา", "Kanlaya", ["Kalaya", "Kanlaya"]), ("วิภาวดี", "Wiphawadi", ["Vipavadee", "Wipawadee"]),
    ("ศิริลักษณ์", "Sirilak", ["Sirilux", "Sirilak"]), ("อัมพร", "Amphon", ["Amporn", "Amphorn"]),
    ("พรรณี", "Phanni", ["Pannee", "Phannee"]), ("ทิพวรรณ", "Thipphawan", ["Tippawan", "Thippawan"]),
    ("สมพงษ์", "Somphong", ["Sompong"]), ("วีรพงษ์", "Wiraphong", ["Weerapong", "Veerapong"]),
    ("เอกชัย", "Ekkachai", ["Ekachai", "Ekkachai"]), ("ไพบูลย์", "Phaibun", ["Paiboon", "Phaiboon"]),
    ("ชาญชัย", "Chanchai", ["Charnchai", "Chanchai"]), ("เจษฎา", "Chetsada", ["Jessada", "Jetsada"]),
    ("สมศรี", "Somsi", ["Somsri"]), ("นภาพร", "Naphaphon", ["Napaporn", "Naphaporn"]),
]
TH_SURNAMES = [
    ("ปราโมช", "Pramot", ["Pramoj"]), ("ธนะรัชต์", "Thanarat", ["Thanarat", "Dhanarajata"]),
    ("กิตติขจร", "Kittikhachon", ["Kittikachorn"]), ("ชมะนันทน์", "Chamanan", ["Chamanan", "Chomanan"]),
    ("พิศสุวรรณ", "Phitsuwan", ["Pitsuwan"]), ("ภิรมย์", "Phirom", ["Piromya"]), ("คอมันตร์", "Khoman", ["Khoman"]),
    ("เสถียรไทย", "Sathianthai", ["Sathirathai"]), ("เครืองาม", "Khruea-ngam", ["Krea-ngam"]),
    ("เทวกุล", "Thewakun", ["Devakula"]), ("พานิชภักดิ์", "Phanitchaphak", ["Panitchpakdi"]),
    ("สภาวสุ", "Saphawasu", ["Sabhavasu"]), ("สุวรรณคีรี", "Suwankhiri", ["Suwankiri"]),
    ("ลักษณวิศิษฏ์", "Laksanawisit", ["Laksanawisit"]), ("เวชยชัย", "Wetchayachai", ["Wechayachai"]),
    ("คำสิงห์", "Khamsing", ["Kamsing"]), ("หงสกุล", "Hongsakun", ["Hongsakul"]),
    ("พิมพ์ใจชน", "Phimchaichon", ["Pimchaichon"]), ("ศรีวิไล", "Siwilai", ["Sriwilai"]),
    ("บุญสม", "Bunsom", ["Boonsom"]), ("แก้วใส", "Kaeosai", ["Kaewsai"]), ("สุขสมบูรณ์", "Suksombun", ["Suksomboon"]),
    ("ทองอินทร์", "Thong-in", ["Thongin", "Tong-in"]), ("พรหมสุวรรณ", "Phromsuwan", ["Promsuwan"]),
    ("ศักดิ์ดี", "Sakdi", ["Sakdee"]), ("ประเสริฐวงศ์", "Prasoetwong", ["Prasertwong"]),
    ("มั่นคง", "Mankhong", ["Munkong", "Mankong"]),
]

# ---------------------------------------------------------------- Khmer: (Khmer script, [customary spellings])
KM_SURNAMES = [
    ("ស", ["Sar", "Sa"]), ("ទៀ", ["Tea", "Tia"]), ("គាត", ["Keat", "Keath"]), ("ហោ", ["Hor", "Hao"]),
    ("ចម", ["Cham", "Chom"]), ("កែ", ["Ke", "Kae"]), ("អ៊ឹម", ["Im", "Em"]), ("ប៉ុល", ["Pol", "Paul"]),
    ("សូ", ["So", "Sou"]), ("ស៊ុយ", ["Suy", "Suoy"]), ("អ៊ិត", ["Ith", "It"]), ("អ៊ូច", ["Ouch", "Uch"]),
    ("ថោង", ["Thong", "Thaong"]), ("សម", ["Sam", "Som"]), ("មូ", ["Mu", "Mou"]), ("អូន", ["Aun", "Oun"]),
    ("នេត", ["Neth", "Net"]), ("ង៉ោ", ["Ngor", "Ngo"]), ("ឈិត", ["Chhit", "Chit"]), ("យូ", ["You", "Yu"]),
]
KM_GIVEN = [
    ("ខេង", ["Kheng"]), ("បាញ់", ["Banh", "Ban"]), ("សំរិន", ["Samrin"]), ("ឈន់", ["Chhon", "Chhorn"]),
    ("ណាំហុង", ["Namhong", "Nam Hong"]), ("ប្រសិទ្ធ", ["Prasidh", "Prasith"]), ("បូរិទ្ធ", ["Borith", "Borit"]),
    ("សុខុម", ["Sokhom", "Sokhum"]), ("ចាន់ណា", ["Channa", "Chana"]), ("វណ្ណី", ["Vanny", "Vanni"]),
    ("សុខឿន", ["Sokhoeun", "Sokhuon"]), ("ស៊ីណា", ["Sina"]), ("សុគន្ធ", ["Sokun", "Sokhun"]),
    ("សុវត្ថិ", ["Sovath", "Sovat"]), ("សាវឿន", ["Savoeun", "Savuon"]), ("ហុងលី", ["Hongly", "Hong Ly"]),
    ("សុជា", ["Sochea", "Sochia"]), ("គន្ធី", ["Kunthy", "Kanthy"]), ("សុភី", ["Sophy", "Sophi"]),
    ("ស្រីអូន", ["Sreyoun", "Srey Oun"]), ("លីដា", ["Lyda", "Lida"]), ("រ៉ានី", ["Rany", "Rani"]),
    ("ចន្ទី", ["Chanthy", "Chanty"]), ("វិសិដ្ឋ", ["Viseth", "Visith"]), ("នីតា", ["Nita", "Nitta"]),
]

# ---------------------------------------------------------------- Burmese: (script, MLCTS, [customary spellings])
MY_SYLLABLES = [
    ("ထိုက်", "htuik", ["Htike", "Htaik"]), ("ဝိုင်း", "wuing", ["Wai", "Waing"]), ("ညီ", "nyi", ["Nyi", "Nyee"]),
    ("နန်း", "nan", ["Nan", "Nann"]), ("ဒါ", "da", ["Dar", "Da"]), ("ဘို", "bhui", ["Bo", "Boh"]),
    ("ကေ", "ke", ["Kay", "Kae"]), ("ပေါ်", "pau", ["Paw"]), ("ရှိန်", "hrin", ["Shein", "Shane"]),
    ("သစ်", "sac", ["Thit"]), ("ထူး", "htu", ["Htoo", "Htu"]), ("လေး", "le", ["Lay", "Lei"]),
    ("ချော", "hkyau", ["Chaw"]), ("ငွေ", "ngwe", ["Ngwe", "Ngway"]), ("ကြီး", "kri", ["Gyi", "Kyi"]),
    ("ဇွန်", "jwan", ["Zun", "Zunn"]), ("ကံ", "kam", ["Kan", "Kann"]), ("နွေ", "nwe", ["Nway"]),
    ("မှူး", "hmu", ["Hmue", "Hmu"]), ("တင့်", "tang", ["Tint"]), ("ကြွယ်", "krwai", ["Kywe", "Kyway"]),
    ("ဝင့်", "wang", ["Wint"]), ("သာ", "sa", ["Thar", "Tha"]), ("မြိုင်", "mruing", ["Myaing"]),
]

# ---------------------------------------------------------------- Vietnamese
VI_SURNAMES = ["Doãn", "Giáp", "Khúc", "La", "Lã", "Ninh", "Nông", "Quan", "Phí", "Tiêu", "Vi", "Bạch", "Cù", "Đàm",
               "Hầu", "Mẫn", "Ứng", "Lò", "Sầm"]
VI_MIDDLE = ["Phước", "Khắc", "Cẩm", "Mỹ", "Phú", "Sỹ", "Tuệ", "Tường", "Đắc", "Quý"]
VI_GIVEN = ["An", "Nghi", "Bằng", "Thịnh", "Huyền", "Cúc", "Dung", "Điệp", "Gấm", "Khuê", "Kỳ", "Lam", "Liễu",
            "Miên", "Nhạn", "Quế", "Sinh", "Thắm", "Thuần", "Tiên", "Toản", "Trà", "Tuyến", "Út", "Xoan"]
VI_TONE_TWINS = [("An", "Ân"), ("Nghi", "Nghị"), ("Bằng", "Băng"), ("Thịnh", "Thinh"), ("Huyền", "Huyên")]

# ---------------------------------------------------------------- Indonesian (modern spellings) and Malay
ID_NAMES = ["Wiranto", "Prabowo", "Subianto", "Habibie", "Megawati", "Sukarnoputri", "Malik", "Sarwo", "Wibowo",
            "Ginanjar", "Kartasasmita", "Harmoko", "Murdiono", "Sudarmono", "Sutowo", "Suprapto", "Supomo", "Susanti",
            "Wulandari", "Rahayu", "Lestari", "Handayani", "Kusuma", "Saputra", "Sunyoto", "Murtopo",
            "Kusumaatmaja", "Suyono", "Yunus", "Syafii", "Sukiman", "Wardoyo", "Cahya", "Juwono", "Sucipto",
            "Sudarsono"]
MS_MALE = ["Mahathir", "Badawi", "Hishammuddin", "Rafizi", "Shafie", "Amirul", "Asyraf", "Danial", "Haziq", "Luqman",
           "Syafiq", "Nazri", "Hamzah", "Zulkarnain", "Amin", "Kassim", "Rahim", "Shamsul", "Talib", "Musa", "Omar",
           "Yahya"]
MS_FEMALE = ["Aida", "Hasnah", "Kamariah", "Latifah", "Mazlina", "Rokiah", "Salina", "Sharifah", "Wahidah", "Zarina",
             "Asmah", "Hafizah", "Jamilah"]
MS_VARIANTS = {"Hamzah": ["Hamza"], "Kassim": ["Kasim", "Qasim"], "Rahim": ["Raheem"], "Talib": ["Taleb"],
               "Musa": ["Moosa"], "Omar": ["Umar"], "Yahya": ["Yahaya"], "Shafie": ["Shafei", "Syafie"],
               "Syafiq": ["Shafiq"], "Asyraf": ["Ashraf"], "Luqman": ["Lukman"], "Zulkarnain": ["Zulkarnaen"],
               "Amin": ["Ameen"], "Jamilah": ["Jamila"], "Latifah": ["Latipah"], "Rokiah": ["Rukiah"],
               "Hafizah": ["Hafiza"], "Asmah": ["Asma"], "Sharifah": ["Syarifah"]}
MS_MARKERS = {"bin": ["bin", "b.", "Bin", "BIN"], "binti": ["binti", "bt.", "bte", "binte", "BINTI"]}

# ---------------------------------------------------------------- Filipino
PH_GIVEN = ["Antonio", "Benigno", "Carmelita", "Dolores", "Eduardo", "Fernando", "Generoso", "Herminio", "Isabelita",
            "Jocelyn", "Leonardo", "Marivic", "Nenita", "Orlando", "Perla", "Remedios", "Rolando", "Teodoro",
            "Victoria", "Zenaida", "Maria Luisa", "Maria Victoria", "Maria Cristina", "John Michael", "Kimberly"]
PH_SURNAMES = ["Villareal", "Salvador", "Manalastas", "Lacson", "Cayetano", "Estrada", "Ejercito", "Roxas", "Recto",
               "Macapagal", "Magsaysay", "Quirino", "Laurel", "Sison", "Espiritu", "Bernardo", "Cabrera",
               "Buenaventura", "Concepcion", "Dela Rosa", "De Castro", "Delos Reyes", "San Pedro", "De Vera"]
