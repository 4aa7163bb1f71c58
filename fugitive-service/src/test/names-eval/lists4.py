"""Name lists of the fourth evaluation set (eval4, issue 14): written for it, from sources other than lists.py.

- Thai: names of public figures and of Thai civil registration as written in Thai script, with their RTGS form (Royal
  Institute, 1999 standard) and the spellings their holders' passports and official English pages use (silent
  letters, final consonants kept, ph/th/kh written p/t/k, oe as er, u as oo). Facts of record, not the matcher's tables.
- Burmese: name syllables in Burmese script with their MLCTS transcription (Myanmar Language Commission 1980, tones
  and the creaky/visarga marks dropped as name transcriptions do) and the customary spellings found on Myanmar
  passports and in the press (Htun/Tun, Soe/Soh, Nwe/Nwae, Kyi/Gyi after a voiced context); honorifics.
- Common-part names: Vietnamese, Korean and Chinese given-name parts NOT in lists.py, for the part-frequency pairs:
  two different people who share only the most common parts (Nguyễn Văn, 김, 王).
"""

# (Thai script, RTGS, [passport / customary spellings])
TH_GIVEN = [
    ("อภิสิทธิ์", "Aphisit", ["Abhisit", "Apisit"]), ("ยิ่งลักษณ์", "Yinglak", ["Yingluck", "Yinglak"]),
    ("ชวน", "Chuan", ["Chuan"]), ("ประวิตร", "Prawit", ["Prawit", "Pravit"]), ("อนุทิน", "Anuthin", ["Anutin"]),
    ("เศรษฐา", "Settha", ["Srettha", "Settha"]), ("แพทองธาร", "Phaethongthan", ["Paetongtarn", "Phaethongthan"]),
    ("ธนาธร", "Thanathon", ["Thanathorn", "Tanathorn"]), ("สนธิ", "Sonthi", ["Sondhi", "Sonthi"]),
    ("สุรยุทธ์", "Surayut", ["Surayud", "Surayuth"]), ("ชาติชาย", "Chatchai", ["Chatichai", "Chartchai"]),
    ("บรรหาร", "Banhan", ["Banharn"]), ("สุเทพ", "Suthep", ["Suthep", "Sutep"]), ("เฉลิม", "Chaloem", ["Chalerm"]),
    ("ศุภชัย", "Supphachai", ["Supachai", "Suppachai"]), ("นพดล", "Nopphadon", ["Noppadon", "Nopadol"]),
    ("ปิยะนุช", "Piyanut", ["Piyanuch", "Piyanut"]), ("วราภรณ์", "Waraphon", ["Waraporn", "Varaporn"]),
    ("ไพโรจน์", "Phairot", ["Pairoj", "Pairote"]), ("ณรงค์", "Narong", ["Narong"]), ("สุชาติ", "Suchat", ["Suchart"]),
    ("วิโรจน์", "Wirot", ["Viroj", "Wiroj"]), ("กาญจนา", "Kanchana", ["Kanchana", "Karnchana"]),
    ("จิราพร", "Chiraphon", ["Jiraporn", "Chiraporn"]), ("อัญชลี", "Anchali", ["Anchalee", "Unchalee"]),
    ("เยาวลักษณ์", "Yaowalak", ["Yaowaluck", "Yaowalak"]), ("บุญเลิศ", "Bunloet", ["Boonlert", "Bunlert"]),
    ("ไพศาล", "Phaisan", ["Paisal", "Phaisarn"]), ("ปัทมา", "Phatthama", ["Pattama", "Patthama"]),
    ("พงศกร", "Phongsakon", ["Pongsakorn", "Phongsakorn"]), ("ศักดิ์ชัย", "Sakchai", ["Sakchai", "Sakdichai"]),
    ("ธวัชชัย", "Thawatchai", ["Tawatchai", "Thawatchai"]), ("สมเกียรติ", "Somkiat", ["Somkiat", "Somkiet"]),
    ("วีระศักดิ์", "Wirasak", ["Weerasak", "Veerasak"]), ("นิตยา", "Nittaya", ["Nittaya", "Nitaya"]),
    ("ดวงใจ", "Duangchai", ["Duangjai"]), ("สุกัญญา", "Sukanya", ["Sukanya", "Sukunya"]),
    ("เพ็ญนภา", "Phennapha", ["Pennapa", "Phennapha"]), ("ชุติมา", "Chutima", ["Chutima"]),
    ("อรทัย", "Orathai", ["Oratai", "Orathai"]), ("ยุทธนา", "Yutthana", ["Yuttana", "Yutthana"]),
]
TH_SURNAMES = [
    ("เวชชาชีวะ", "Wetchachiwa", ["Vejjajiva"]), ("หลีกภัย", "Likphai", ["Leekpai", "Likpai"]),
    ("วงษ์สุวรรณ", "Wongsuwan", ["Wongsuwan", "Wongsuwon"]), ("ชาญวีรกูล", "Chanwirakun", ["Charnvirakul"]),
    ("ทวีสิน", "Thawisin", ["Thavisin", "Tawisin"]), ("บุญยรัตกลิน", "Bunyaratkalin", ["Boonyaratglin"]),
    ("จุลานนท์", "Chulanon", ["Chulanont"]), ("ชุณหะวัณ", "Chunhawan", ["Choonhavan"]),
    ("ศิลปอาชา", "Sinlapa-acha", ["Silpa-archa", "Silpa-acha"]), ("เทือกสุบรรณ", "Thueaksuban", ["Thaugsuban"]),
    ("อยู่บำรุง", "Yubamrung", ["Yubamrung", "Yoobamrung"]), ("จันทร์โอชา", "Chan-o-cha", ["Chan-o-cha", "Chanocha"]),
    ("ปันยารชุน", "Panyarachun", ["Panyarachun"]), ("ศรีอ่อน", "Si-on", ["Sri-on", "Srion"]),
    ("แก้วกาญจนา", "Kaeokanchana", ["Kaewkanjana", "Kaewkanchana"]), ("สุขประเสริฐ", "Sukprasoet", ["Sukprasert"]),
    ("เจริญผล", "Charoenphon", ["Charoenpol", "Jaroenpon"]), ("ศรีสวัสดิ์", "Sisawat", ["Srisawat", "Srisawad"]),
    ("พันธุ์วงศ์", "Phanwong", ["Panwong", "Phanwong"]), ("รัตนวงศ์", "Rattanawong", ["Rattanawong", "Ratanawong"]),
    ("ทองประเสริฐ", "Thongprasoet", ["Thongprasert", "Tongprasert"]),
    ("วิเศษสุวรรณ", "Wisetsuwan", ["Wisetsuwan", "Visetsuwan"]), ("มหาวงศ์", "Mahawong", ["Mahawong"]),
    ("ชัยมงคล", "Chaimongkhon", ["Chaimongkol", "Chaimongkon"]), ("ศักดิ์สิทธิ์", "Saksit", ["Saksit", "Saksith"]),
    ("เกษมสุข", "Kasemsuk", ["Kasemsuk", "Kasemsook"]), ("ธรรมสุข", "Thammasuk", ["Thammasuk", "Tammasook"]),
    ("นิลสุวรรณ", "Ninsuwan", ["Nilsuwan", "Ninsuwan"]), ("พึ่งทอง", "Phuengthong", ["Puengthong", "Phungtong"]),
    ("สว่างวงศ์", "Sawangwong", ["Sawangwong"]),
]
TH_TITLES = [("นาย", "Mr"), ("นาง", "Mrs"), ("นางสาว", "Miss")]

# (Burmese script, MLCTS, [customary spellings])
MY_SYLLABLES = [
    ("အောင်", "aung", ["Aung"]), ("ဆန်း", "hcan", ["San", "Sann"]), ("စု", "cu", ["Su", "Suu"]),
    ("ကြည်", "krany", ["Kyi", "Kyee", "Chi"]), ("သိန်း", "sin", ["Thein", "Thane"]), ("စိန်", "cin", ["Sein", "Sane"]),
    ("ထင်", "htang", ["Htin", "Tin"]), ("ကျော်", "kyau", ["Kyaw", "Kyaw"]), ("ဝင်း", "wang", ["Win", "Winn"]),
    ("မြင့်", "mrang", ["Myint", "Myint"]), ("ရွှေ", "hrwe", ["Shwe", "Shway"]), ("မန်း", "man", ["Mann", "Man"]),
    ("ဆွေ", "hcwe", ["Swe", "Sway"]), ("လှိုင်", "hluing", ["Hlaing", "Hlaing"]), ("ထွန်း", "htwan", ["Htun", "Tun", "Htoon"]),
    ("ညွန့်", "nywan", ["Nyunt", "Nyunt"]), ("နေ", "ne", ["Ne", "Nay"]), ("ဇော်", "jau", ["Zaw", "Zaw"]),
    ("ထေး", "hte", ["Htay", "Htay"]), ("သက်", "sak", ["Thet", "Thet"]), ("ဝေ", "we", ["Wai", "Way", "Wei"]),
    ("ဟိန်း", "hin", ["Hein", "Hein"]), ("ချစ်", "hkyac", ["Chit", "Chit"]), ("ဇေ", "je", ["Zay", "Zeya"]),
    ("နီ", "ni", ["Ni", "Nee"]), ("လာ", "la", ["Lar", "La"]), ("မာ", "ma", ["Mar", "Ma"]), ("ခင်", "hkang", ["Khin", "Khin"]),
    ("ယု", "yu", ["Yu", "Yu"]), ("သော်", "sau", ["Thaw", "Thaw"]), ("တင်", "tang", ["Tin", "Tin"]),
    ("မိုး", "mui", ["Moe", "Mo"]), ("ပြည့်", "prany", ["Pyae", "Pyi"]), ("ဖြိုး", "hprui", ["Phyo", "Pyo"]),
    ("ဥ", "u", ["Oo", "U"]), ("ဌေး", "hte", ["Htay", "Htay"]), ("သူ", "su", ["Thu", "Thu"]), ("ဇင်", "jang", ["Zin", "Zin"]),
    ("လင်း", "lang", ["Lin", "Linn"]), ("ထွေး", "htwe", ["Htwe", "Htway"]),
]
MY_HONORIFICS = {"male": [("ဦး", "U"), ("ကို", "Ko"), ("မောင်", "Maung")],
                 "female": [("ဒေါ်", "Daw"), ("မ", "Ma")]}

# Common-part names: the common parts, then given-name parts not in lists.py.
VI_COMMON = [("Nguyễn", "Văn"), ("Nguyễn", "Thị"), ("Trần", "Văn"), ("Trần", "Thị"), ("Lê", "Văn"), ("Lê", "Thị")]
VI_GIVEN = ["Khải", "Lộc", "Nghĩa", "Quyết", "Thuận", "Trí", "Vũ", "Hậu", "Kiên", "Lực", "Mạnh", "Nhân", "Sang",
            "Tín", "Thiện", "Uyên", "Vân", "Xuân", "Diệp", "Giang", "Hiền", "Loan", "Nga", "Nhàn", "Quyên", "Thoa",
            "Trinh", "Tuyết", "Vy", "Châu", "Định", "Khang", "Luân", "Nhật", "Phát", "Thông"]
KO_COMMON = ["김", "이", "박"]
KO_GIVEN = list("도범찬한규현시유태건보인형세종창명일수")  # filtered against lists.KO_GIVEN by the generator
ZH_COMMON = ["王", "李", "張", "陳"]
ZH_GIVEN = list("振立新海波東輝澤浩宇濤佳欣怡晨思博睿子俊")  # filtered against lists.ZH_GIVEN by the generator
