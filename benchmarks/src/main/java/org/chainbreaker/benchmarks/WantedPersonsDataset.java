package org.chainbreaker.benchmarks;

import com.google.type.Date;
import java.text.Normalizer;
import java.util.List;
import java.util.SplittableRandom;
import org.chainbreaker.fugitives.v1.IdentityDocument;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.chainbreaker.fugitives.v1.Warrant;

/**
 * Synthetic but realistic wanted persons for the fugitive-search benchmark: names written the way
 * each country's records write them (Hangul, Thai, Vietnamese with or without diacritics, Khmer,
 * Burmese, Chinese, Malay, Indonesian, Filipino and Lao names in Latin script), with a Latin alias
 * on about half of them, partial dates of birth, documents and warrants. Record {@code i} is a pure
 * function of the seed and {@code i}, so a query can be made from any record without keeping the
 * dataset in memory.
 */
final class WantedPersonsDataset {

    /**
     * A name in a script, with its usual Latin spelling (what a passport or a foreign record would
     * say).
     */
    record Name(String script, String value, String latin) {}

    /** A search made from a record: the name as another country would type it, and what it is. */
    record Query(String label, String name, int birthYear) {}

    // Hangul family names and given-name syllables, each with a common passport spelling.
    private static final String[][] KO_FAMILY = {
        {"김", "Kim"},
        {"이", "Lee"},
        {"박", "Park"},
        {"최", "Choi"},
        {"정", "Jung"},
        {"강", "Kang"},
        {"조", "Cho"},
        {"윤", "Yoon"},
        {"장", "Jang"},
        {"임", "Lim"},
        {"한", "Han"},
        {"오", "Oh"},
        {"서", "Seo"},
        {"신", "Shin"},
        {"권", "Kwon"},
        {"황", "Hwang"},
        {"안", "Ahn"},
        {"송", "Song"},
        {"류", "Ryu"},
        {"홍", "Hong"}
    };
    private static final String[][] KO_GIVEN = {
        {"민", "min"},
        {"수", "su"},
        {"서", "seo"},
        {"연", "yeon"},
        {"지", "ji"},
        {"현", "hyun"},
        {"준", "jun"},
        {"영", "young"},
        {"호", "ho"},
        {"성", "sung"},
        {"진", "jin"},
        {"우", "woo"},
        {"은", "eun"},
        {"혜", "hye"},
        {"동", "dong"},
        {"상", "sang"},
        {"훈", "hoon"},
        {"태", "tae"},
        {"경", "kyung"},
        {"희", "hee"},
        {"재", "jae"},
        {"석", "seok"},
        {"하", "ha"},
        {"철", "cheol"}
    };
    private static final String[][] TH_GIVEN = {
        {"สมชาย", "Somchai"},
        {"สุภาพร", "Supaporn"},
        {"วิชัย", "Wichai"},
        {"ประเสริฐ", "Prasert"},
        {"สมศักดิ์", "Somsak"},
        {"อนันต์", "Anan"},
        {"กิตติ", "Kitti"},
        {"ธนพล", "Thanaphon"},
        {"ณัฐวุฒิ", "Nattawut"},
        {"พรทิพย์", "Pornthip"},
        {"สุนทร", "Sunthorn"},
        {"วันชัย", "Wanchai"},
        {"ชัยวัฒน์", "Chaiwat"},
        {"นภา", "Napa"},
        {"ศิริพร", "Siriporn"},
        {"อรุณ", "Arun"},
        {"ปิยะ", "Piya"},
        {"สมพงษ์", "Sompong"},
        {"บุญชัย", "Boonchai"},
        {"รัตนา", "Rattana"},
        {"สมหญิง", "Somying"},
        {"ประยุทธ", "Prayut"},
        {"วีระ", "Weera"},
        {"มานพ", "Manop"},
        {"สุริยา", "Suriya"},
        {"อำนาจ", "Amnat"},
        {"จิราพร", "Jiraporn"},
        {"ธีระ", "Theera"},
        {"เกียรติ", "Kiat"},
        {"พิชัย", "Pichai"}
    };
    private static final String[][] TH_FAMILY = {
        {"บุญมา", "Boonma"},
        {"ศรีสุข", "Srisuk"},
        {"แสงทอง", "Saengthong"},
        {"วงศ์สวัสดิ์", "Wongsawat"},
        {"ทองดี", "Thongdee"},
        {"สุขสวัสดิ์", "Suksawat"},
        {"จันทร์เพ็ญ", "Chanphen"},
        {"พรหมมา", "Promma"},
        {"ใจดี", "Jaidee"},
        {"มณีรัตน์", "Maneerat"},
        {"เพชรสุวรรณ", "Phetsuwan"},
        {"อินทร์แก้ว", "Inkaew"},
        {"ชัยมงคล", "Chaimongkol"},
        {"ศรีวงศ์", "Sriwong"},
        {"คำแสง", "Khamsaeng"},
        {"นาคสวัสดิ์", "Naksawat"},
        {"รุ่งเรือง", "Rungrueang"},
        {"สมบูรณ์", "Somboon"},
        {"ปัญญา", "Panya"},
        {"ทองคำ", "Thongkham"},
        {"แก้วมณี", "Kaewmanee"},
        {"สุวรรณ", "Suwan"},
        {"บุญเรือง", "Boonrueang"},
        {"ศรีสวัสดิ์", "Srisawat"},
        {"วงศ์ใหญ่", "Wongyai"},
        {"พันธ์ุดี", "Phandee"},
        {"เจริญสุข", "Charoensuk"},
        {"มีสุข", "Meesuk"},
        {"ทองมา", "Thongma"},
        {"สายทอง", "Saithong"}
    };
    private static final String[] VI_FAMILY = {
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
        "Hồ", "Ngô", "Dương", "Lý"
    };
    private static final String[] VI_MIDDLE = {
        "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Quang", "Thanh"
    };
    private static final String[] VI_GIVEN = {
        "An", "Anh", "Bình", "Cường", "Dũng", "Hùng", "Hưng", "Hải", "Lan", "Linh", "Long", "Mai",
        "Nam", "Phong", "Quang", "Sơn", "Thảo", "Trung", "Tuấn", "Việt", "Hoa", "Hạnh", "Khoa",
        "Lộc", "Nhung", "Phúc", "Tâm", "Thắng", "Toàn", "Vinh"
    };
    private static final String[][] KM_FAMILY = {
        {"សុខ", "Sok"},
        {"ចាន់", "Chan"},
        {"ហេង", "Heng"},
        {"គឹម", "Kim"},
        {"លី", "Ly"},
        {"ញឹក", "Nhek"},
        {"ស៊ុន", "Sun"},
        {"ម៉ៅ", "Mao"},
        {"ឈឹម", "Chhim"},
        {"ពៅ", "Pov"},
        {"សេង", "Seng"},
        {"ខៀវ", "Khieu"}
    };
    private static final String[][] KM_GIVEN = {
        {"សុខា", "Sokha"},
        {"ដារ៉ា", "Dara"},
        {"សុភា", "Sophea"},
        {"វណ្ណា", "Vanna"},
        {"សំណាង", "Samnang"},
        {"ពិសិដ្ឋ", "Piseth"},
        {"រតនា", "Rathana"},
        {"សុផល", "Sophal"},
        {"បញ្ញា", "Panha"},
        {"ចន្ទា", "Chantha"},
        {"ធីតា", "Thida"},
        {"វិចិត្រ", "Vichet"},
        {"សុវណ្ណ", "Sovann"},
        {"ចាន់ថា", "Chantha"},
        {"សុគន្ធ", "Sokun"},
        {"វាសនា", "Veasna"},
        {"បូរ៉ា", "Bora"},
        {"រដ្ឋា", "Ratha"}
    };
    private static final String[][] MY_SYLLABLES = {
        {"အောင်", "Aung"},
        {"ကျော်", "Kyaw"},
        {"မင်း", "Min"},
        {"ထွန်း", "Tun"},
        {"ဝင်း", "Win"},
        {"မြင့်", "Myint"},
        {"စိုး", "Soe"},
        {"သန်း", "Than"},
        {"ဇော်", "Zaw"},
        {"နိုင်", "Naing"},
        {"လှ", "Hla"},
        {"မောင်", "Maung"},
        {"ခိုင်", "Khine"},
        {"သီ", "Thi"},
        {"ညွန့်", "Nyunt"},
        {"ဆွေ", "Swe"},
        {"မြ", "Mya"},
        {"နွယ်", "Nwe"},
        {"ထက်", "Htet"},
        {"ပြည့်", "Pyae"}
    };
    private static final String[][] ZH_FAMILY = {
        {"陈", "Chen"},
        {"林", "Lin"},
        {"黄", "Huang"},
        {"张", "Zhang"},
        {"李", "Li"},
        {"王", "Wang"},
        {"吴", "Wu"},
        {"刘", "Liu"},
        {"蔡", "Cai"},
        {"杨", "Yang"},
        {"郭", "Guo"},
        {"许", "Xu"},
        {"郑", "Zheng"},
        {"谢", "Xie"},
        {"何", "He"},
        {"梁", "Liang"}
    };
    private static final String[][] ZH_GIVEN = {
        {"志明", "Zhiming"},
        {"伟", "Wei"},
        {"建华", "Jianhua"},
        {"小明", "Xiaoming"},
        {"丽", "Li"},
        {"国强", "Guoqiang"},
        {"美玲", "Meiling"},
        {"俊杰", "Junjie"},
        {"家豪", "Jiahao"},
        {"文", "Wen"},
        {"秀英", "Xiuying"},
        {"海", "Hai"},
        {"伟明", "Weiming"},
        {"淑芬", "Shufen"},
        {"志强", "Zhiqiang"},
        {"永康", "Yongkang"},
        {"宏伟", "Hongwei"},
        {"子豪", "Zihao"},
        {"欣怡", "Xinyi"},
        {"德华", "Dehua"}
    };
    private static final String[] MS_GIVEN = {
        "Ahmad",
        "Muhammad",
        "Siti",
        "Nur",
        "Abdul Aziz",
        "Farid",
        "Hafiz",
        "Ismail",
        "Rahman",
        "Zulkifli",
        "Aminah",
        "Faridah",
        "Hassan",
        "Ibrahim",
        "Azman",
        "Rosli",
        "Norazlina",
        "Salmah",
        "Kamal",
        "Yusof"
    };
    private static final String[] ID_NAMES = {
        "Budi Santoso",
        "Sutrisno",
        "Agus Salim",
        "Dewi Lestari",
        "Joko Widodo",
        "Wahyu Hidayat",
        "Bambang Susilo",
        "Eko Prasetyo",
        "Sri Wahyuni",
        "Rudi Hartono",
        "Andi Saputra",
        "Yuliana",
        "Hendra Gunawan",
        "Indra Kusuma",
        "Rina Marlina",
        "Dedi Kurniawan"
    };
    private static final String[] PH_GIVEN = {
        "Juan",
        "Jose",
        "Maria",
        "Mark",
        "Rodel",
        "Ramon",
        "Jerome",
        "Cristina",
        "Ramil",
        "Rowena",
        "Jonathan",
        "Arnel",
        "Marites",
        "Reynaldo"
    };
    private static final String[] PH_FAMILY = {
        "dela Cruz",
        "Santos",
        "Reyes",
        "Garcia",
        "Mendoza",
        "Bautista",
        "Villanueva",
        "Ramos",
        "Aquino",
        "Castillo",
        "Fernandez",
        "Navarro",
        "delos Santos",
        "Pascual"
    };
    private static final String[] LA_GIVEN = {
        "Souksavanh",
        "Bounmy",
        "Khamphone",
        "Phetsamone",
        "Somphone",
        "Vilayvanh",
        "Sengdao",
        "Thongsavanh",
        "Kongkeo",
        "Noy"
    };
    private static final String[] LA_FAMILY = {
        "Phommachanh",
        "Sisouphanh",
        "Vongsa",
        "Keomany",
        "Chanthavong",
        "Inthavong",
        "Xayavong",
        "Sengsouvanh",
        "Phanthavong",
        "Douangmala"
    };

    private static final List<String> SCRIPTS =
            List.of("Hangul", "Thai", "Vietnamese", "Khmer", "Burmese", "Chinese", "Latin");

    private final long seed;

    WantedPersonsDataset(long seed) {
        this.seed = seed;
    }

    private SplittableRandom random(long index) {
        return new SplittableRandom(seed * 1_000_003L + index);
    }

    /**
     * The script a record of this owner is usually written in; international bodies record all of
     * them.
     */
    private static String scriptOf(String owner, SplittableRandom r) {
        if (r.nextInt(100) < 80) {
            switch (owner) {
                case "KR":
                    return "Hangul";
                case "TH":
                    return "Thai";
                case "VN":
                    return "Vietnamese";
                case "KH":
                    return "Khmer";
                case "MM":
                    return "Burmese";
                case "SG":
                    return r.nextBoolean() ? "Chinese" : "Malay";
                case "MY", "BN":
                    return r.nextInt(3) == 0 ? "Chinese" : "Malay";
                case "ID":
                    return "Indonesian";
                case "PH":
                    return "Filipino";
                case "LA":
                    return "Lao";
                default:
                    break;
            }
        }
        String[] all = {
            "Hangul",
            "Thai",
            "Vietnamese",
            "Khmer",
            "Burmese",
            "Chinese",
            "Malay",
            "Indonesian",
            "Filipino",
            "Lao"
        };
        return all[r.nextInt(all.length)];
    }

    /** The primary name of record {@code index}. */
    Name name(long index, String owner) {
        SplittableRandom r = random(index);
        String script = scriptOf(owner, r);
        return switch (script) {
            case "Hangul" -> {
                String[] f = pick(KO_FAMILY, r);
                String[] g1 = pick(KO_GIVEN, r);
                String[] g2 = pick(KO_GIVEN, r);
                yield new Name("Hangul", f[0] + g1[0] + g2[0], f[1] + " " + capital(g1[1] + g2[1]));
            }
            case "Thai" -> {
                String[] g = pick(TH_GIVEN, r);
                String[] f = pick(TH_FAMILY, r);
                yield new Name("Thai", g[0] + " " + f[0], g[1] + " " + f[1]);
            }
            case "Vietnamese" -> {
                String full =
                        pick(VI_FAMILY, r) + " " + pick(VI_MIDDLE, r) + " " + pick(VI_GIVEN, r);
                // Half of the records lost their diacritics somewhere on the way (old systems,
                // forms in ASCII).
                yield new Name("Vietnamese", r.nextBoolean() ? full : ascii(full), ascii(full));
            }
            case "Khmer" -> {
                String[] f = pick(KM_FAMILY, r);
                String[] g = pick(KM_GIVEN, r);
                yield new Name("Khmer", f[0] + " " + g[0], f[1] + " " + g[1]);
            }
            case "Burmese" -> {
                int n = 2 + r.nextInt(2);
                StringBuilder value = new StringBuilder();
                StringBuilder latin = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    String[] s = pick(MY_SYLLABLES, r);
                    value.append(s[0]);
                    latin.append(latin.isEmpty() ? "" : " ").append(s[1]);
                }
                // Some records carry the honorific U (ဦး) before a man's name.
                boolean honorific = r.nextInt(5) == 0;
                yield new Name("Burmese", (honorific ? "ဦး" : "") + value, latin.toString());
            }
            case "Chinese" -> {
                String[] f = pick(ZH_FAMILY, r);
                String[] g = pick(ZH_GIVEN, r);
                yield new Name("Chinese", f[0] + g[0], f[1] + " " + g[1]);
            }
            case "Malay" -> {
                String given = pick(MS_GIVEN, r);
                String father = pick(MS_GIVEN, r);
                String name = given + (r.nextBoolean() ? " bin " : " binti ") + father;
                yield new Name("Latin", name, name);
            }
            case "Indonesian" -> {
                String name = pick(ID_NAMES, r);
                yield new Name("Latin", name, name);
            }
            case "Filipino" -> {
                String name = pick(PH_GIVEN, r) + " " + pick(PH_FAMILY, r);
                yield new Name("Latin", name, name);
            }
            default -> {
                String name = pick(LA_GIVEN, r) + " " + pick(LA_FAMILY, r);
                yield new Name("Latin", name, name);
            }
        };
    }

    /** Record {@code index} as its owner's national portal would send it. */
    WantedPerson record(long index, String owner) {
        Name name = name(index, owner);
        SplittableRandom r = random(index ^ 0x5DEECE66DL);
        WantedPerson.Builder person =
                WantedPerson.newBuilder()
                        .setPrimaryName(PersonName.newBuilder().setValue(name.value()));
        if (!name.script().equals("Latin") && r.nextBoolean()) {
            person.addAliases(PersonName.newBuilder().setValue(name.latin()));
        }
        int year = 1950 + r.nextInt(56);
        int shape = r.nextInt(10);
        // Partial dates of birth: about 70% complete, 20% year and month, 10% year only.
        Date.Builder dob = Date.newBuilder().setYear(year);
        if (shape < 9) {
            dob.setMonth(1 + r.nextInt(12));
        }
        if (shape < 7) {
            dob.setDay(1 + r.nextInt(28));
        }
        String country = owner.length() == 2 ? owner : "KR";
        return person.setSex(r.nextBoolean() ? WantedPerson.Sex.MALE : WantedPerson.Sex.FEMALE)
                .setDateOfBirth(dob)
                .addNationalities(country)
                .addIdentifyingMarks(
                        r.nextBoolean() ? "tattoo on right arm" : "scar above left eye")
                .addDocuments(
                        IdentityDocument.newBuilder()
                                .setType(IdentityDocument.Type.PASSPORT)
                                .setNumber(String.format("%s%09d", country, index))
                                .setIssuingCountry(country))
                .addCharges(CHARGES[r.nextInt(CHARGES.length)])
                .setWarrant(
                        Warrant.newBuilder()
                                .setReference(owner + "-W-" + index)
                                .setIssuingAuthority(owner + " national court"))
                .addRiskFlags(WantedPerson.RiskFlag.ESCAPE_RISK)
                .build();
    }

    private static final String[] CHARGES = {
        "fraud (online investment scam)",
        "human trafficking",
        "money laundering",
        "illegal online gambling operation",
        "forced labour in a scam compound",
        "drug trafficking"
    };

    /**
     * A search for record {@code index} as another country would type it: in the record's own
     * script, or in its Latin spelling (Vietnamese without diacritics), sometimes with the year of
     * birth.
     */
    Query query(long index, String owner, int birthYear) {
        Name name = name(index, owner);
        SplittableRandom r = random(index * 31 + 7);
        boolean latin = r.nextBoolean();
        String label =
                switch (name.script()) {
                    case "Latin" -> "Latin";
                    case "Vietnamese" ->
                            latin ? "Vietnamese without diacritics" : "Vietnamese as recorded";
                    default -> latin ? name.script() + " in Latin" : name.script();
                };
        String text = latin ? name.latin() : name.value();
        return new Query(label, text, r.nextInt(3) == 0 ? birthYear : 0);
    }

    static List<String> scripts() {
        return SCRIPTS;
    }

    private static String[] pick(String[][] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }

    private static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Vietnamese without its diacritics, as ASCII-only systems write it (đ becomes d). */
    static String ascii(String s) {
        String stripped = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replace('đ', 'd').replace('Đ', 'D');
    }
}
