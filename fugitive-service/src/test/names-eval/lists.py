"""Name lists for generating evaluation pairs: common family names and given-name parts of each language with
the spellings documents use for them (published romanisation standards, national surname statistics and common
usage). Facts, not code; written without looking at the matcher's own tables."""

# Korean family names: Hangul, McCune-Reischauer, customary spellings (RR is computed).
KO_SURNAMES = [
    ("김", "Kim", ["Kim"]), ("이", "Yi", ["Lee", "Yi", "Rhee", "Ri"]), ("박", "Pak", ["Park", "Pak"]),
    ("최", "Ch'oe", ["Choi", "Choe"]), ("정", "Chŏng", ["Jung", "Chung", "Jeong"]), ("강", "Kang", ["Kang"]),
    ("조", "Cho", ["Cho", "Jo"]), ("윤", "Yun", ["Yoon", "Yun"]), ("장", "Chang", ["Jang", "Chang"]),
    ("임", "Im", ["Lim", "Im", "Rim"]), ("한", "Han", ["Han"]), ("오", "O", ["Oh"]), ("서", "Sŏ", ["Seo", "Suh"]),
    ("신", "Sin", ["Shin", "Sin"]), ("권", "Kwŏn", ["Kwon"]), ("황", "Hwang", ["Hwang"]), ("안", "An", ["Ahn", "An"]),
    ("송", "Song", ["Song"]), ("류", "Ryu", ["Ryu", "Yoo", "Yu"]), ("전", "Chŏn", ["Jeon", "Chun", "Jun"]),
    ("홍", "Hong", ["Hong"]), ("고", "Ko", ["Ko", "Koh", "Go"]), ("문", "Mun", ["Moon", "Mun"]), ("양", "Yang", ["Yang"]),
    ("손", "Son", ["Son", "Sohn"]), ("배", "Pae", ["Bae"]), ("백", "Paek", ["Baek", "Paik"]), ("허", "Hŏ", ["Heo", "Huh"]),
    ("남", "Nam", ["Nam"]), ("노", "No", ["Noh", "Roh"]), ("하", "Ha", ["Ha"]), ("곽", "Kwak", ["Kwak"]),
    ("성", "Sŏng", ["Sung", "Seong"]), ("차", "Ch'a", ["Cha"]), ("주", "Chu", ["Joo", "Ju"]), ("우", "U", ["Woo"]),
    ("구", "Ku", ["Koo", "Ku"]), ("민", "Min", ["Min"]), ("진", "Chin", ["Jin", "Chin"]), ("엄", "Ŏm", ["Um", "Eom"]),
    ("채", "Ch'ae", ["Chae"]), ("원", "Wŏn", ["Won"]), ("천", "Ch'ŏn", ["Chun", "Cheon"]), ("방", "Pang", ["Bang"]),
    ("공", "Kong", ["Kong"]), ("현", "Hyŏn", ["Hyun"]), ("함", "Ham", ["Ham"]), ("변", "Pyŏn", ["Byun", "Byeon"]),
    ("석", "Sŏk", ["Suk", "Seok"]), ("선우", "Sŏnu", ["Sunwoo"]), ("남궁", "Namgung", ["Namkoong", "Namgung"]),
]
KO_GIVEN = list("민수준서연지현우진영호석성훈철희은혜경미정재동상태승용하윤주나아예채원빈혁규환식기광선숙자순옥남길만")

# Thai: Thai script, RTGS, common passport spellings.
TH_GIVEN = [
    ("สมชาย", "Somchai", ["Somchai", "Somchay"]), ("สมศักดิ์", "Somsak", ["Somsak", "Somsack"]),
    ("สุภาพร", "Suphaphon", ["Supaporn", "Supaphorn"]), ("วิชัย", "Wichai", ["Vichai", "Wichai"]),
    ("ประเสริฐ", "Prasoet", ["Prasert", "Prasirt"]), ("สมพร", "Somphon", ["Somporn", "Somphorn"]),
    ("นิพนธ์", "Niphon", ["Nipon", "Niphon"]), ("อนันต์", "Anan", ["Anan", "Anant"]),
    ("กิตติ", "Kitti", ["Kitti", "Kitty"]), ("ศิริพร", "Siriphon", ["Siriporn", "Siriphorn"]),
    ("พรทิพย์", "Phonthip", ["Porntip", "Pornthip"]), ("วันเพ็ญ", "Wanphen", ["Wanpen", "Wanphen"]),
    ("มาลี", "Mali", ["Malee", "Mali"]), ("สุนีย์", "Suni", ["Sunee", "Suny"]), ("ปราณี", "Prani", ["Pranee"]),
    ("ณัฐพล", "Natthaphon", ["Nattapol", "Nattaphon", "Natthapol"]), ("ธีรพงษ์", "Thiraphong", ["Teerapong", "Thirapong"]),
    ("อภิชาติ", "Aphichat", ["Apichart", "Apichat"]), ("ชัยวัฒน์", "Chaiwat", ["Chaiwat", "Chaiwut"]),
    ("สุรชัย", "Surachai", ["Surachai", "Surachay"]), ("ประยุทธ", "Prayut", ["Prayuth", "Prayut"]),
    ("อรุณ", "Arun", ["Arun", "Aroon"]), ("บุญชัย", "Bunchai", ["Boonchai", "Bunchai"]),
    ("สมบัติ", "Sombat", ["Sombat", "Sombath"]), ("วิไล", "Wilai", ["Vilai", "Wilai"]),
    ("รัตนา", "Rattana", ["Ratana", "Rattana"]), ("สุดารัตน์", "Sudarat", ["Sudarat", "Sudarath"]),
    ("จันทร์เพ็ญ", "Chanphen", ["Janpen", "Chanpen"]), ("ธนพล", "Thanaphon", ["Tanapon", "Thanapol"]),
    ("พิมพ์ชนก", "Phimchanok", ["Pimchanok", "Phimchanok"]), ("ชนิดา", "Chanida", ["Chanida", "Chanitha"]),
    ("วรรณา", "Wanna", ["Wanna", "Vanna"]), ("ทองใบ", "Thongbai", ["Thongbai", "Tongbai"]),
    ("สมหญิง", "Somying", ["Somying", "Som-ying"]), ("เกียรติศักดิ์", "Kiattisak", ["Kiattisak", "Kiatisak"]),
    ("ปิยะพงษ์", "Piyaphong", ["Piyapong", "Piyaphong"]), ("นงลักษณ์", "Nonglak", ["Nonglak", "Nongluck"]),
    ("อำนาจ", "Amnat", ["Amnat", "Amnart"]), ("เพ็ญศรี", "Phensi", ["Pensri", "Phensri"]),
    ("สุวิทย์", "Suwit", ["Suwit", "Suvit"]),
]
TH_SURNAMES = [
    ("บุญมา", "Bunma", ["Boonma", "Bunma"]), ("ศรีสุข", "Sisuk", ["Srisuk", "Sisuk"]),
    ("แสงทอง", "Saengthong", ["Saengthong", "Sangthong", "Saengtong"]), ("ทองดี", "Thongdi", ["Thongdee", "Tongdee"]),
    ("สุขสวัสดิ์", "Suksawat", ["Suksawat", "Suksawad"]), ("วงศ์สวัสดิ์", "Wongsawat", ["Wongsawat", "Wongsawad"]),
    ("จันทร์แก้ว", "Chankaeo", ["Jankaew", "Chankaew"]), ("พรหมมา", "Phromma", ["Promma", "Phromma"]),
    ("แก้วมณี", "Kaeomani", ["Kaewmanee", "Kaewmani"]), ("ชินวัตร", "Chinnawat", ["Shinawatra", "Chinnawat"]),
    ("ศรีวงศ์", "Siwong", ["Sriwong", "Siwong"]), ("สมบูรณ์", "Sombun", ["Somboon", "Sombun"]),
    ("บุญเรือง", "Bunrueang", ["Boonruang", "Bunruang"]), ("ทองคำ", "Thongkham", ["Thongkham", "Tongkam"]),
    ("ใจดี", "Chaidi", ["Jaidee", "Chaidee"]), ("มีสุข", "Misuk", ["Meesuk", "Misuk"]),
    ("เพชรรัตน์", "Phetcharat", ["Petcharat", "Phetcharat"]), ("รุ่งเรือง", "Rungrueang", ["Rungruang", "Rungrueng"]),
    ("อินทร์แก้ว", "Inkaeo", ["Inkaew", "Inkaeo"]), ("สายสุวรรณ", "Saisuwan", ["Saisuwan", "Saisuwanna"]),
    ("ประเสริฐสุข", "Prasoetsuk", ["Prasertsuk", "Prasertsook"]), ("ศรีประเสริฐ", "Siprasoet", ["Sriprasert", "Siprasert"]),
    ("บุญยืน", "Bunyuen", ["Boonyuen", "Bunyuen"]), ("แก้วประเสริฐ", "Kaeoprasoet", ["Kaewprasert"]),
    ("ทองมา", "Thongma", ["Thongma", "Tongma"]), ("สุวรรณ", "Suwan", ["Suwan", "Suwanna"]),
    ("จันทร์หอม", "Chanhom", ["Janhom", "Chanhom"]), ("คำแก้ว", "Khamkaeo", ["Khamkaew", "Kamkaew"]),
    ("พึ่งบุญ", "Phueangbun", ["Pungboon", "Phuengboon"]), ("นาคสุข", "Naksuk", ["Naksook", "Naksuk"]),
]
TH_TITLES = ["นาย", "นาง", "นางสาว"]
TH_TITLES_LATIN = {"นาย": "Mr", "นาง": "Mrs", "นางสาว": "Miss"}

# Vietnamese: family names, middle names, given names (with diacritics).
VI_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
               "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Tô", "Trịnh", "Đoàn", "Cao", "Lưu"]
VI_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Công", "Xuân", "Kim", "Đình", "Bảo"]
VI_GIVEN = ["Hùng", "Hưng", "Anh", "Ánh", "Tuấn", "Dũng", "Lan", "Hương", "Hải", "Hà", "Hòa", "Hoa", "Linh", "Long",
            "Nam", "Phong", "Quang", "Sơn", "Thắng", "Trung", "Việt", "Tâm", "Tú", "Thu", "Thủy", "Trang", "Huy",
            "Khoa", "Phúc", "Phương", "Bình", "Cường", "Đạt", "Hiếu", "Hoàng", "Khánh", "Mai", "My", "Ngân", "Nhung",
            "Oanh", "Quân", "Tài", "Thành", "Thảo", "Tiến", "Toàn", "Vinh", "Yến", "Hạnh", "Hằng", "Hân"]
# Pairs that differ only in tone or vowel marks: the same letters, different people when both sides carry marks.
VI_TONE_TWINS = [("Hùng", "Hưng"), ("Anh", "Ánh"), ("Hòa", "Hoa"), ("Thu", "Thủy"), ("Hà", "Hạ"), ("Hằng", "Hạnh"),
                 ("Tâm", "Tám"), ("Lan", "Lân"), ("Hải", "Hài"), ("Phương", "Phượng"), ("Mai", "Mài"), ("Tú", "Tư")]

# Khmer: Khmer script and customary spellings.
KM_SURNAMES = [
    ("សុខ", ["Sok"]), ("ចាន់", ["Chan"]), ("ហេង", ["Heng"]), ("លី", ["Ly", "Lee"]), ("សេង", ["Seng"]),
    ("គឹម", ["Kim", "Kem"]), ("ម៉ៅ", ["Mao"]), ("ស៊ុន", ["Sun", "Soun"]), ("ឈឹម", ["Chhim", "Chim"]),
    ("ប៊ុន", ["Bun", "Boun"]), ("ពេជ្រ", ["Pich", "Pech"]), ("ហ៊ុន", ["Hun", "Houn"]), ("កែវ", ["Keo", "Kev"]),
    ("ទេព", ["Tep"]), ("ញឹក", ["Nhek", "Nhoek"]), ("អ៊ុំ", ["Um", "Oum"]), ("យឹម", ["Yim"]), ("ជា", ["Chea"]),
    ("សាយ", ["Say"]), ("មាស", ["Meas"]), ("ខៀវ", ["Khieu", "Khiev"]), ("នួន", ["Nuon", "Noun"]),
    ("ហួរ", ["Hour"]), ("ពៅ", ["Pov"]), ("ឯក", ["Ek", "Aek"]), ("ថាច់", ["Thach"]), ("ស៊ឹម", ["Sim", "Seum"]),
]
KM_GIVEN = [
    ("ដារ៉ា", ["Dara", "Darah"]), ("សុភា", ["Sophea", "Sophia"]), ("សុផល", ["Sophal", "Sophall"]),
    ("វណ្ណា", ["Vanna", "Vana"]), ("ចន្ថា", ["Chantha", "Chanthea"]), ("សម្បត្តិ", ["Sambath", "Sambat"]),
    ("រតនា", ["Rathana", "Ratana", "Rattana"]), ("សុវណ្ណ", ["Sovann", "Sovan"]), ("ពិសី", ["Pisey", "Pisei"]),
    ("បុប្ផា", ["Bopha", "Bupha"]), ("សុខា", ["Sokha"]), ("ធារ៉ា", ["Theara", "Thearah"]),
    ("វិចិត្រ", ["Vichet", "Vicheth"]), ("ស្រីមុំ", ["Sreymom", "Srey Mom"]), ("ណារី", ["Nary", "Neary"]),
    ("សុធា", ["Sothea", "Sotheara"]), ("ចំរើន", ["Chamroeun", "Chamreun"]), ("សារ៉ាត", ["Sarath", "Sarat"]),
    ("ពិសិដ្ឋ", ["Piseth", "Piset"]), ("រិទ្ធី", ["Rithy", "Rithi"]), ("វិសាល", ["Visal", "Vesal"]),
    ("បូរ៉ា", ["Bora", "Borah"]), ("មករា", ["Makara"]), ("ផល្លា", ["Phalla", "Phala"]), ("សុភ័ក្ត្រ", ["Sopheak", "Sophak"]),
    ("ស្រីនាង", ["Sreyneang", "Srey Neang"]), ("វាសនា", ["Veasna", "Veasana"]), ("ចាន់ធូ", ["Chanthou", "Chanthu"]),
    ("សុជាតិ", ["Socheat", "Sochiet"]), ("គន្ធា", ["Kunthea", "Kanthea"]),
]

# Burmese: name syllables, Burmese script and customary spellings; honorifics.
MY_SYLLABLES = [
    ("အောင်", ["Aung"]), ("ကျော်", ["Kyaw"]), ("ဇော်", ["Zaw", "Zau"]), ("ဝင်း", ["Win", "Winn"]),
    ("ထွန်း", ["Tun", "Htun", "Htoon"]), ("မြင့်", ["Myint"]), ("သိန်း", ["Thein", "Thane"]), ("လှ", ["Hla"]),
    ("ခင်", ["Khin"]), ("စု", ["Su", "Soo"]), ("နု", ["Nu", "Noo"]), ("လွင်", ["Lwin"]), ("နိုင်", ["Naing"]),
    ("စိုး", ["Soe", "Soh"]), ("မိုး", ["Moe", "Mo"]), ("မင်း", ["Min", "Minn"]), ("သန်း", ["Than"]),
    ("ဆန်း", ["San", "Sann"]), ("ကြည်", ["Kyi", "Kyee"]), ("နီ", ["Ni", "Nee"]), ("လာ", ["La", "Lar"]),
    ("ထက်", ["Htet", "Htat"]), ("ပိုင်", ["Paing"]), ("ဖြိုး", ["Phyo", "Pyo"]), ("ညွန့်", ["Nyunt", "Nyun"]),
    ("မြ", ["Mya"]), ("သီ", ["Thi", "Thee"]), ("ရီ", ["Yi", "Yee"]), ("ဇင်", ["Zin", "Zinn"]), ("ချို", ["Cho", "Cho"]),
    ("သူ", ["Thu", "Thue"]), ("ဟန်", ["Han"]), ("ရဲ", ["Ye", "Yeh"]), ("နွယ်", ["Nwe", "Nwae"]), ("တင်", ["Tin", "Tinn"]),
    ("ဌေး", ["Htay", "Htay"]), ("ဖြူ", ["Phyu", "Phyoo"]), ("မာ", ["Mar", "Ma"]), ("လင်း", ["Lin", "Linn"]),
]
MY_HONORIFICS = {"male": [("ဦး", "U"), ("ကို", "Ko"), ("မောင်", "Maung")], "female": [("ဒေါ်", "Daw"), ("မ", "Ma")]}

# Indonesian: modern spellings (the generator writes their pre-1972 forms) and Malay names.
ID_NAMES = ["Sukarno", "Suharto", "Joko", "Widodo", "Susilo", "Bambang", "Yudhoyono", "Yusuf", "Cahyo", "Surya",
            "Purnomo", "Sutrisno", "Wahyudi", "Nurhayati", "Siti", "Aminah", "Sri", "Mulyani", "Budi", "Santoso",
            "Suryadi", "Agus", "Hendra", "Dewi", "Rahmat", "Hidayat", "Haryanto", "Kurniawan", "Setiawan",
            "Cahyadi", "Junaidi", "Yuliana", "Sujono", "Sudirman", "Suparman", "Yanto", "Rusli", "Bahrudin",
            "Suwarno", "Cokro", "Jayadi", "Sunarto", "Yohanes", "Tuti", "Wijaya", "Susanto", "Sugiarto", "Yulianti"]
MS_MALE = ["Ahmad", "Muhammad", "Ismail", "Ibrahim", "Abdullah", "Hassan", "Hussein", "Yusof", "Rahman", "Aziz",
           "Zainal", "Hamid", "Rashid", "Khalid", "Osman", "Razak", "Salleh", "Jamal", "Kamal", "Faizal", "Hafiz",
           "Azman", "Roslan", "Shahrul", "Zulkifli", "Nordin", "Rosli", "Mokhtar", "Idris", "Daud"]
MS_FEMALE = ["Siti", "Nur", "Fatimah", "Aminah", "Zainab", "Aishah", "Noraini", "Rohani", "Salmah", "Zaleha",
             "Nurul", "Farah", "Aisyah", "Hidayah", "Rosnah", "Halimah"]
MS_VARIANTS = {"Muhammad": ["Mohammad", "Mohd", "Muhamad", "Mohamed"], "Ahmad": ["Ahmed", "Ahmat"],
               "Yusof": ["Yusuf", "Yusoff"], "Hussein": ["Husain", "Hussain"], "Hassan": ["Hasan"],
               "Abdullah": ["Abdulla"], "Aishah": ["Aisyah", "Aisha"], "Nur": ["Noor", "Nor"], "Rashid": ["Rasyid"],
               "Osman": ["Othman", "Usman"], "Daud": ["Dawood"], "Zainab": ["Zaynab"]}

# Filipino: given names, family names (also used as middle names: the mother's family name).
PH_GIVEN = ["Juan", "Jose", "Maria", "Ana", "Mark", "John Paul", "Cristina", "Rodrigo", "Ramon", "Roberto",
            "Angelica", "Mary Grace", "Jericho", "Ferdinand", "Gloria", "Leonor", "Carlo", "Miguel", "Andres",
            "Ricardo", "Rosario", "Teresa", "Kristine", "Jayson", "Arnel", "Rowena", "Marites", "Edgardo"]
PH_SURNAMES = ["Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres", "Tomas", "Andrada",
               "Castillo", "Flores", "Villanueva", "Ramos", "Castro", "Rivera", "Aquino", "Navarro", "Salazar",
               "Mercado", "Dela Cruz", "De Leon", "Del Rosario", "Gonzales", "Lopez", "Manalo", "Pascual", "Soriano"]

# Chinese family names (traditional characters) and given-name characters.
ZH_SURNAMES = list("陳林黃張李王吳劉蔡楊許鄭謝郭洪邱曾廖賴周葉蘇莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余趙盧梁顏柯孫魏翁戴范宋方鄧杜傅侯曹薛丁卓馬董溫唐藍蔣石古紀姚連馮歐程湯黃田康姜汪白鄒尤巫鐘黎涂龔嚴韓袁金童陸夏柳凃邵章")
ZH_GIVEN = list("志明偉華國建文俊杰傑玲美麗芳秀英慧婷怡雅君宏家嘉冠宇翔豪強勇德成清福金龍安平光輝興財順珠蘭鳳琴春霞萍紅雲娟偉軍軍濤鵬飛斌磊超健剛輝永勝")
# Hokkien/Teochew spellings common in Singapore and Malaysia (surnames and given-name characters).
ZH_HOKKIEN = {
    "陳": ["Tan"], "林": ["Lim"], "黃": ["Ng", "Wee", "Ung"], "張": ["Teo", "Chong"], "李": ["Lee", "Li"],
    "王": ["Ong", "Heng"], "吳": ["Goh", "Ng"], "劉": ["Lau", "Low"], "蔡": ["Chua", "Chuah"], "楊": ["Yeo", "Yong"],
    "許": ["Koh", "Khoo"], "鄭": ["Tay", "Teh"], "謝": ["Chia", "Seah"], "郭": ["Kwek", "Quek"], "洪": ["Ang"],
    "邱": ["Khoo", "Khu"], "曾": ["Chan", "Tsang"], "周": ["Chew", "Chiu"], "葉": ["Yap", "Yeap"], "蘇": ["Soh", "Saw"],
    "莊": ["Chng", "Ch'ng"], "呂": ["Lu", "Loo"], "江": ["Kang"], "何": ["Ho", "Hoe"], "蕭": ["Siow", "Seow"],
    "羅": ["Lo", "Loh"], "高": ["Koh", "Kow"], "潘": ["Phua", "Pua"], "朱": ["Choo", "Chu"], "胡": ["Oh", "Hoo"],
    "沈": ["Sim"], "余": ["Ee", "Seah"], "趙": ["Teo", "Chiow"], "梁": ["Neo", "Niu"], "顏": ["Gan"], "柯": ["Kua"],
    "孫": ["Sng"], "魏": ["Gui"], "翁": ["Ang", "Ong"], "方": ["Png", "Hong"], "杜": ["Toh", "Tow"], "傅": ["Poh"],
    "卓": ["Toh"], "馬": ["Beh"], "唐": ["Teng"], "石": ["Chua", "Chioh"], "姚": ["Yeo"], "馮": ["Pang"],
    "彭": ["Phang", "Pang"], "鄧": ["Teng"], "黎": ["Lay"], "韓": ["Han"], "袁": ["Wan"], "金": ["Kim"],
    "志": ["Chee", "Chi"], "明": ["Beng", "Meng"], "偉": ["Wee", "Wei"], "華": ["Hua", "Wah"], "國": ["Kok", "Kuok"],
    "建": ["Kian", "Kiang"], "文": ["Boon", "Bun"], "俊": ["Choon", "Chun"], "傑": ["Kiat", "Kit"], "玲": ["Leng", "Ling"],
    "美": ["Bee", "Mei"], "麗": ["Lay", "Lee"], "芳": ["Hong", "Fong"], "秀": ["Siew", "Siu"], "英": ["Eng", "Ing"],
    "慧": ["Hui", "Huay"], "雅": ["Nga", "Ya"], "君": ["Kun", "Koon"], "宏": ["Hong"], "家": ["Kah", "Ka"],
    "嘉": ["Ka", "Kah"], "豪": ["Hoe", "Ho"], "強": ["Kiong", "Keong"], "德": ["Teck", "Tek"], "成": ["Seng", "Sng"],
    "清": ["Cheng", "Ching"], "福": ["Hock", "Hok"], "金": ["Kim"], "龍": ["Leong", "Liong"], "安": ["Ann", "An"],
    "平": ["Peng"], "光": ["Kong"], "輝": ["Hui", "Hwee"], "興": ["Heng", "Hin"], "財": ["Chye", "Chai"],
    "順": ["Soon", "Sun"], "珠": ["Choo", "Chu"], "蘭": ["Lan"], "鳳": ["Hong"], "春": ["Chun", "Choon"],
    "雲": ["Hoon", "Hun"], "勝": ["Seng", "Sin"], "永": ["Eng", "Yong"], "婷": ["Teng", "Ting"], "怡": ["Yee", "Ee"],
}
