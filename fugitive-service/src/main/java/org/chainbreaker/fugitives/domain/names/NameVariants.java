package org.chainbreaker.fugitives.domain.names;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spellings of one name part that documents use interchangeably: Korean family names (Kim/Gim,
 * Lee/Yi/Rhee/Ri), Chinese family names across Mandarin, Hokkien, Cantonese, Teochew and Wade-Giles
 * (Chen/Tan/Chan), Chinese given-name syllables across dialects, Vietnamese family names and their
 * Chinese cognates, and Arabic-origin names as written in Malaysia, Indonesia, Brunei and the
 * Philippines. A group has a label used in the reasons.
 */
final class NameVariants {

    /** A group of interchangeable spellings. */
    record Group(String id, String label, List<String> spellings) {}

    private static final Map<String, List<Group>> BY_SPELLING = new HashMap<>();

    private static void groups(String label, String... rows) {
        for (String row : rows) {
            List<String> spellings = List.of(row.split(" "));
            Group group = new Group(label + ":" + spellings.getFirst(), label, spellings);
            for (String spelling : spellings) {
                BY_SPELLING
                        .computeIfAbsent(Fold.phonetic(spelling), k -> new java.util.ArrayList<>())
                        .add(group);
            }
        }
    }

    static {
        groups(
                "Korean family-name variants",
                "kim gim ghim",
                "lee yi i rhee ri rhie lie ree rii",
                "park pak bak bahk phak",
                "choi choe chey choy chwe",
                "jung jeong chung cheong joung jeung",
                "kang gang",
                "cho jo joh",
                "yoon yun youn",
                "jang chang",
                "lim im rim yim leem",
                "han hahn",
                "oh o",
                "seo suh so seoh",
                "shin sin shinn",
                "kwon gwon kweon",
                "hwang whang",
                "ahn an",
                "ryu yu yoo ryoo rhyu you",
                "jeon jun chun chon jon",
                "ko go koh",
                "moon mun",
                "yang ryang",
                "son sohn",
                "bae pae",
                "baek paek paik baik",
                "heo hur huh",
                "noh no roh ro",
                "kwak gwak",
                "sung seong",
                "joo ju chu",
                "woo u",
                "na ra",
                "gil kil",
                "ha",
                "nam",
                "min",
                "song");
        groups(
                "Korean given-name syllable variants",
                "su soo",
                "min",
                "jun joon",
                "seok suk sok",
                "hyun hyeon",
                "yeon yon",
                "young yeong yong",
                "eun un",
                "ji chi",
                "ho",
                "jin chin",
                "sang",
                "hoon hun",
                "woo u",
                "cheol chul chol",
                "seon sun",
                "dong",
                "gyu kyu",
                "jae jai",
                "hee hui");
        groups(
                "Chinese family-name variants (Mandarin, Hokkien, Cantonese, Teochew, Wade-Giles, Vietnamese)",
                "chen tan chan chin tran",
                "lin lim lam",
                "huang wong ng ooi wee hwang hoang huynh",
                "zhang chang teo cheung chong tiong cheong",
                "wang ong heng vuong",
                "li lee lei ly",
                "liu lau lao low lew",
                "wu goh woo ngo",
                "zhou chow chau chew chou",
                "xu hsu koh khor hui tsui",
                "guo kuo kwok quek kok",
                "he ho hoe hor",
                "luo lo law loh",
                "zheng cheng tay teh",
                "xie hsieh tse chia seah",
                "yang yeung yeo young duong",
                "zhao chao chiu",
                "ye yip yap ip yeh",
                "liang leung neo",
                "cai tsai choy chua",
                "su soh so",
                "lu loo",
                "ma mah beh",
                "deng tang teng",
                "sun soon sng",
                "zhu chu choo",
                "hu foo",
                "gao kao ko",
                "lai loi",
                "jiang chiang kong",
                "zeng tsang chan",
                "pan phua poon phan",
                "fang hong png",
                "peng phang pang",
                "song soong");
        groups(
                "Chinese given-name syllable variants",
                "zhi chee chi ji tze",
                "ming meng beng",
                "wei wai way vi",
                "hua wah hwa",
                "jun chun tsun choon",
                "hui fai hwee",
                "jian kian kin kien",
                "hong hung ang",
                "cheng seng sing ching",
                "jie kiat kit",
                "long leong loong",
                "ping peng",
                "qiang keong kiong",
                "guo kok kwok",
                "xiong hiong",
                "hao ho hou",
                "yong yung iong",
                "xin sin hin",
                "an on",
                "hai hoi",
                "de tak teck",
                "wen boon wan",
                "zhong chong tiong");
        groups(
                "Arabic-origin name variants (Malay, Indonesian, Filipino)",
                "muhammad mohammad mohammed mohamed muhamad mohamad mohd muhammed md muhamed",
                "ahmad ahmed achmad amat",
                "abdul abd abdool",
                "nur noor nor",
                "abdullah abdulla",
                "hussein husain hussain husin husen",
                "ismail ismael esmail",
                "ibrahim ebrahim",
                "yusuf yusof yousef yusoff",
                "hassan hasan",
                "aziz azis",
                "rahman rachman",
                "zainal zainol",
                "siti sitti",
                "fatimah fatima",
                "aminah amina",
                "hamid hamed",
                "rashid rasyid rosyid",
                "syed sayed said sayyid",
                "zulkifli zulkifly",
                "khalid kalid");
        groups(
                "Filipino and Spanish name variants",
                "jose josef",
                "maria ma",
                "juan jhon",
                "cristina kristina christina");
    }

    private NameVariants() {}

    /** The groups a (phonetically folded) name part belongs to. */
    static List<Group> of(String folded) {
        return BY_SPELLING.getOrDefault(folded, List.of());
    }

    /** A shared group of two parts, if any. */
    static java.util.Optional<Group> shared(String a, String b) {
        List<Group> left = of(a);
        if (left.isEmpty()) {
            return java.util.Optional.empty();
        }
        Set<Group> right = Set.copyOf(of(b));
        return left.stream().filter(right::contains).findFirst();
    }

    /**
     * A canonical spelling for search keys, the same for every spelling connected through shared
     * groups (Kim, Gim; chee, chi, ji, zhi): the smallest folded spelling of the connected set.
     * Keys only gather candidates, so a set wider than one group costs a few more candidates, never
     * a match; the groups themselves decide the score.
     */
    static String canonical(String folded) {
        return CANONICAL.getOrDefault(folded, folded);
    }

    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        Map<String, String> parent = new HashMap<>();
        java.util.function.UnaryOperator<String> find =
                new java.util.function.UnaryOperator<>() {
                    @Override
                    public String apply(String x) {
                        String root = x;
                        while (!parent.get(root).equals(root)) {
                            root = parent.get(root);
                        }
                        return root;
                    }
                };
        BY_SPELLING.keySet().forEach(k -> parent.put(k, k));
        for (List<Group> groups : BY_SPELLING.values()) {
            for (Group group : groups) {
                String first = Fold.phonetic(group.spellings().getFirst());
                for (String spelling : group.spellings()) {
                    String a = find.apply(first);
                    String b = find.apply(Fold.phonetic(spelling));
                    if (!a.equals(b)) {
                        // The smaller spelling becomes the root, so the root is the smallest of the
                        // set.
                        if (a.compareTo(b) < 0) {
                            parent.put(b, a);
                        } else {
                            parent.put(a, b);
                        }
                    }
                }
            }
        }
        parent.keySet().forEach(k -> CANONICAL.put(k, find.apply(k)));
    }
}
