"""The support checker's vocabulary: kinds of terms and their weights, function and light words,
numbers, units, currencies, directions of change, paraphrases, demonyms, spellings and aliases."""

NAME, NUMBER, MONTH, DIRECTION, WORD = "name", "number", "month", "direction", "word"
WEIGHTS = {NAME: 2.0, NUMBER: 2.0, MONTH: 2.0, DIRECTION: 2.0, WORD: 1.0}

# fmt: off
STOPWORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "during", "each", "for", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "me", "my", "no", "nor", "not", "of", "off", "on", "once", "or", "other",
    "our", "ours", "out", "over", "own", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said",
    "says", "say", "saying", "told", "according", "per", "via", "upon", "within", "without", "among",
    "amid", "across", "toward", "towards", "may", "might", "must", "shall", "s", "t", "mr", "mrs",
    "ms", "dr", "shri", "prof", "sir", "whose", "another", "every", "same", "only", "more", "most",
    "less", "least", "much", "many", "several", "whether", "however", "therefore", "thus", "since",
))
# Light words: common verbs and qualifiers a paraphrase adds or drops without changing what is said.
LIGHT = frozenset((
    "make", "makes", "made", "making", "take", "takes", "took", "taken", "get", "gets", "got",
    "become", "becomes", "became", "becoming", "use", "uses", "used", "using", "go", "goes", "went",
    "come", "comes", "came", "put", "set", "help", "helps", "helped", "include", "includes",
    "included", "including", "also", "able", "new", "like", "well", "still", "already", "yet",
    "even", "just", "mainly", "mostly", "largely", "nearly", "almost", "roughly", "around",
    "approximately", "some", "expected", "due", "likely", "currently", "now", "recently", "today",
    "yesterday", "tomorrow", "far", "way", "ways", "part", "whole", "total", "overall", "key",
    "major", "main", "important", "significant", "various", "certain", "particular", "particularly",
    "especially", "further", "additional", "additionally", "thing", "things", "lot", "kind",
    "reportedly", "officially", "formally", "effectively", "essentially", "actually", "really",
    "together", "jointly", "let", "lets", "allow", "allows", "allowed", "allowing", "enable",
    "enables", "country", "countries", "nation", "nations", "both", "two", "one", "first", "money",
))
# "one" and "two" are figures only before a unit: "two years" is a claim, "the two countries" is not.
UNITS = frozenset(("year", "years", "month", "months", "week", "weeks", "day", "days", "decade",
                   "decades", "times", "percent", "thirds", "quarters", "hours", "minutes"))
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# The direction of a change: "rose" and "fell" are what a figure says as much as the figure itself.
DIRECTIONS = {
    "up": ("rise", "rose", "risen", "rising", "rises", "increase", "increased", "increases",
           "increasing", "grow", "grew", "grown", "growing", "grows", "growth", "climb", "climbed",
           "jump", "jumped", "surge", "surged", "soar", "soared", "higher", "raise", "raised",
           "expand", "expanded", "boost", "boosted", "gain", "gained"),
    "down": ("fall", "fell", "fallen", "falling", "falls", "drop", "dropped", "decline", "declined",
             "decrease", "decreased", "decreasing", "cut", "cuts", "cutting", "reduce", "reduced",
             "reduces", "reducing", "reduction", "lower", "lowered", "lowers", "shrink", "shrank",
             "slump", "slumped", "plunge", "plunged", "lose", "lost", "loss"),
}
NUMBER_WORDS = {
    "zero": 0, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "twice": 2, "double": 2, "doubled": 2, "doubling": 2, "triple": 3, "tripled": 3,
    "tripling": 3, "threefold": 3, "quadrupled": 4, "half": 0.5, "halved": 0.5, "quarter": 0.25,
    "decade": 10,
}
SCALES = {
    "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}
CURRENCY = frozenset(("$", "€", "£", "₹", "¥", "us$", "usd", "eur", "gbp", "inr", "dollar", "dollars",
                      "euro", "euros", "pound", "pounds", "rupee", "rupees", "yen"))
PERCENT = frozenset(("%", "percent", "pc"))
# Paraphrases newsrooms use all the time; each group backs any of its members.
PARAPHRASES = (
    ("sign", "finalize", "ink", "seal", "conclude", "agree"),
    ("agreement", "deal", "pact", "accord", "framework", "memorandum", "mou", "treaty"),
    ("contribute", "donate", "give", "provide", "donation", "contribution", "grant"),
    ("commit", "pledge", "promise", "commitment"),
    ("lend", "loan", "borrow", "credit"),
    ("fund", "finance", "financing", "funding", "pay"),
    ("annual", "annually", "year", "yearly"),
    ("produce", "production", "yield", "output", "generate", "make"),
    ("reliance", "dependence", "dependency", "rely", "depend"),
    ("aim", "seek", "intend", "plan", "goal", "objective"),
    ("start", "begin", "launch", "commence"),
    ("finish", "end", "complete", "conclude"),
    ("buy", "purchase", "acquire"),
    ("announce", "declare", "unveil"),
    ("talks", "discussions", "negotiations", "negotiate", "discuss"),
    ("capacity", "treat", "handle", "process"),
    ("secure", "safeguard", "protect"),
    ("largest", "biggest"),
    ("legislature", "parliament", "congress", "diet", "senate"),
    ("ratify", "approve"),
    ("permit", "allow", "let"),
    ("help", "assist", "support", "aid"),
    ("minister", "ministry", "secretary"),
)
# Demonyms a suffix rule does not find ("Indian" → India and "Kenyan" → Kenya it does).
DEMONYMS = {
    "norwegian": "norway", "british": "britain", "dutch": "netherlands", "french": "france",
    "filipino": "philippines", "swiss": "switzerland", "greek": "greece", "welsh": "wales",
    "danish": "denmark", "swedish": "sweden", "finnish": "finland", "polish": "poland",
    "turkish": "turkey", "spanish": "spain", "irish": "ireland", "scottish": "scotland",
    "german": "germany", "english": "england", "thai": "thailand", "icelandic": "iceland",
    "saudi": "saudi arabia", "emirati": "emirates", "omani": "oman", "yemeni": "yemen",
    "pakistani": "pakistan", "bangladeshi": "bangladesh", "israeli": "israel", "iraqi": "iraq",
    "kuwaiti": "kuwait", "qatari": "qatar", "nepali": "nepal", "malagasy": "madagascar",
}
SPELLINGS = {
    "defence": "defense", "licence": "license", "offence": "offense", "programme": "program",
    "centre": "center", "metre": "meter", "litre": "liter", "litres": "liters", "tonne": "ton",
    "tonnes": "tons", "colour": "color", "labour": "labor", "favour": "favor", "neighbour": "neighbor",
    "organisation": "organization", "organisations": "organizations", "travelled": "traveled",
}
IRREGULAR = {
    "gave": "give", "given": "give", "took": "take", "taken": "take", "met": "meet", "held": "hold",
    "won": "win", "sold": "sell", "bought": "buy", "built": "build", "began": "begin", "begun": "begin",
    "spent": "spend", "paid": "pay", "led": "lead", "left": "leave", "sent": "send", "kept": "keep",
    "brought": "bring", "told": "tell", "fought": "fight", "struck": "strike", "drew": "draw",
    "drawn": "draw", "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose",
    "broke": "break", "broken": "break", "spoke": "speak", "spoken": "speak", "stood": "stand",
    "sought": "seek", "froze": "freeze", "frozen": "freeze", "shook": "shake", "shaken": "shake",
    "withdrew": "withdraw", "withdrawn": "withdraw", "oversaw": "oversee", "overseen": "oversee",
    "undertook": "undertake", "undertaken": "undertake", "forgave": "forgive", "lent": "lend",
    "flew": "fly", "flown": "fly", "went": "go", "gone": "go", "saw": "see", "seen": "see",
    "knew": "know", "known": "know", "found": "find", "ran": "run", "hit": "hit", "bore": "bear",
    "borne": "bear", "laid": "lay", "dealt": "deal", "meant": "mean", "understood": "understand",
}
BUILT_IN_ALIASES = (
    ("us", "u s", "usa", "u s a", "united states", "united states of america", "america", "american",
     "americans"),
    ("uk", "u k", "united kingdom", "britain", "great britain", "british"),
    ("eu", "european union"),
    ("un", "united nations"),
)
# fmt: on
MAX_ALIAS_WORDS = 6
AUXILIARIES = frozenset(
    (
        "will",
        "would",
        "has",
        "have",
        "had",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "did",
        "does",
        "do",
    )
)
