"""The words and patterns extraction reads, English and Russian side by side.

Tables, not branches, say what a word means to poppy.checks.extract: which area a stem names
(AREAS), what a figure measures (OBJECTS, ASPECTS, MEASURES), which words date a figure
('last year', 'since 2004', 'in period of 2016-2017'), rank it ('record', 'крупнейший'), move it
('fell', 'вырос', in poppy.checks.numbers) or make a sentence a forecast, an aside or an
attribution, and the reaches (in characters) within which a word binds a figure.
"""

from __future__ import annotations

import re

from poppy.checks.numbers import NUMBER_WORDS, PLACE_WORDS

YEAR = re.compile(
    r"(?<![\d,.\-/])\b(19[89]\d|20[0-4]\d)(?:\b|(?=гг?\.))(?![\d%/]|\s*(?:hectares|ha\b|га|тонн|tons|tonnes|раз|per\s?cent))"
)
SPAN = re.compile(
    r"(?:past|last|previous|recent|последние|последних|прошедшие)\s+(?P<n>\w+)\s+(?:years|лет|года)"
    r"|(?P<n2>\w+)\s+(?:последних|последние|прошедших)\s+(?:лет|года)"
    r"|(?P<decade>(?:last|past) decade\b|последнее десятилетие|последние десять лет|за десятилетие)",
    re.IGNORECASE,
)
#: A year a figure is compared with, or counted from: not the year the claim is about.
BASE_YEAR = re.compile(
    r"(?:compared (?:to|with)|\bover|\bthan(?: in)?|\bsince|\bagainst|\bfrom|\babove|\bbelow"
    r"|по сравнению с|чем в|против|\bс|начиная с|\bк\s+(?:\w+\s+)?уровн\w+|по отношению к|относительно"
    r"|в сравнении с|\b(?:above|below|from|than)\s+the\s+(?:\w+\s+)?(?:level|figure|total)s?\s+"
    r"(?:recorded\s+|seen\s+|reported\s+)?(?:of|in))"
    r"\s+(?:the\s+|its\s+|their\s+)?(?:record\s+(?:level\s+)?(?:of\s+)?)?(?P<year>19[89]\d|20[0-4]\d)\b",
    re.IGNORECASE,
)
#: The year of what a figure beats: 'exceeds by 46 per cent the last maximum of 224,000 hectares in
#: 2014', 'превысил предыдущий рекорд 2014 года'.
EXCEEDED = re.compile(
    r"\b(?:exceed\w*|surpass\w*|beat\w*|overt[ao]k\w*|превыс\w*|превзош\w*)\b[^.;]{0,70}?\b(?P<year>19[89]\d|20[0-4]\d)\b",
    re.I,
)
#: The year of an earlier record a figure is set against, itself a rank of that year: 'above the
#: previous record set in 2007', 'the last historical maximum of 224,000 hectares in 2014'.
PRIOR_RECORD = re.compile(
    r"(?:\b(?:previous|earlier|former|old|last)\s+(?:historical\s+|all-time\s+)?(?:record|peak|high|maximum)\b"
    r"|\b(?:предыдущ|прежн)\w*\s+(?:рекорд|максимум|пик)\w*)"
    r"(?:\s+(?:of|at)\s+[\d.,]+\s*(?:\w+\s+)?)?[^.;\d]{0,25}?\b(?P<year>19[89]\d|20[0-4]\d)\b",
    re.I,
)
#: 'now': the year of the latest survey ('the total area now under cultivation', 'сейчас составляют').
NOW = re.compile(r"\b(?:now|currently|today|сейчас|в настоящее время|к настоящему времени|сегодня)\b", re.I)
#: A sentence about the present ('Afghanistan is still estimated to produce 87 percent'), with no
#: verb in a past tense: it takes no year from the sentence before. A sentence that only sums up the
#: one before ('That is an increase of 17 percent') speaks of its year, not of the present.
NOW_TENSE = re.compile(
    r"^(?!.*\b(?:was|were|had|did|fell|rose|grew|dropped|declined|increased|decreased|reached|ago)\b)"
    r"(?!.*(?<!\bis )(?<!\bare )(?<!\bbe )"
    r"\b(?:produced|harvested|cultivated|eradicated|recorded|registered)\b)"
    r"(?!\W*(?:that|this|it|which)\s+(?:is|represents|marks)\b)"
    r".*\b(?:is|are|remains?|produces|accounts for|supplies|see)\b",
    re.I,
)
#: The present perfect of a rise or fall: up to now ('the opium price has soared').
PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:soared|risen|increased|fallen|declined|grown|dropped|surged|plummeted"
    r"|plunged|climbed|expanded|decreased|doubled|tripled|jumped|rocketed|skyrocketed)\b",
    re.I,
)
#: Characters after a figure within which 'now' dates it (a verb may come between).
NOW_REACH = 30
#: Words before 'last year' that make it the year compared with ('up 18% from last year').
BASE_WORD = re.compile(
    r"(?:compared (?:to|with)|\bover|\bthan|\bfrom|\bon|\bagainst|\bas|по сравнению с|чем|против|\bс)\s*$",
    re.I,
)
#: An article at the end of a text ('compared to the | previous year').
THE_END = re.compile(r"\s*\bthe\s*$", re.I)
#: What may stand before a 'this year' that opens a sentence and dates all of it ('This year, ...').
OPENS = re.compile(r"[\W\d_]*(?:(?:and|but|so|и|а|но|так|ведь)\s+)?", re.I)
#: Years counted from the date or from a year before: 'fifteen years ago', 'four years later',
#: 'a decade earlier', 'два года назад', 'спустя пять лет'.
_COUNTS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
COUNTED = re.compile(
    rf"\b(?:(?P<n>\d{{1,2}}|an?|{_COUNTS})\s+(?P<unit>years?|decades?|лет|года?|десятилети\w*)"
    r"\s+(?P<way>ago|later|earlier|before|after|назад|спустя|позже|раньше|ранее))\b",
    re.IGNORECASE,
)
#: The COUNTED words that count back from the statement's date.
COUNTED_FROM_SAID = {"ago", "назад"}
#: Characters before (after) a figure within which 'last year' / 'this year' dates it.
RELATIVE_REACH = (40, 15)
#: A rank of several ('the two largest drug production centres', 'двух крупнейших').
GROUP_RANK = re.compile(
    r"\b(?:two|three|four|five|два|две|двух|три|тр[её]х)\s+(?:of the\s+)?"
    r"(?:largest|biggest|main|leading|крупнейш)",
    re.I,
)
#: Characters between a rank word and the 'since' of its year ('the highest level since 2001').
RANK_SINCE = 40
#: Two years that bound a period ('between 2016 and 2017', 'from 2011 to 2014', 'с 2011 по 2014').
BETWEEN = re.compile(
    r"(?:between|from|с)\s+(?:19[89]\d|20[0-4]\d)\s*(?:годом|года|г\.)?\s*(?:and|to|по|до|и)\s+(?:19[89]\d|20[0-4]\d)"
    r"|(?:19[89]\d|20[0-4]\d)\s*[-–—]\s*(?:19[89]\d|20[0-4]\d)",
    re.IGNORECASE,
)
#: Characters between a change's figures and the period that bounds them.
PERIOD_REACH = 30
#: A clause that turns against the one before: its years are its own.
BUT = re.compile(r"\bbut\b|;|,\s*(?:но|а|однако|whereas|while)\b", re.IGNORECASE)
#: A clause set against the one before: its figure is a level of its own, not the end of a change.
CONTRAST = re.compile(r",\s*(?:while|whereas)\b", re.IGNORECASE)
#: A new clause: a year after it is not the year of a figure before it.
CLAUSE = re.compile(r";|,\s*(?:а|но|and|but|while|whereas)\b", re.IGNORECASE)
#: Month names, English and Russian stems ('Dec', 'December', 'декабря').
MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
)
#: A year right after a figure dates it ('37,300 hectares in 2018', '6900 тонн в 2009 году').
OWN_YEAR = re.compile(
    r"(?:\s*\([^()]{1,20}\))?"  # '4,200 metric tonnes (mt) in 2004', '131,000 ha (323,570 acres) in 2004'
    r"\s*(?:\(|in|for|by|в|за|на)?\s*(?:(?:19[89]\d|20[0-4]\d)\s*[-–/]\s*)?"
    rf"(?:{MONTHS}[a-zа-я]*\.?\s+)?"  # 'a peak of $800 per kilogram in Dec 2023'
    r"(?P<year>19[89]\d|20[0-4]\d)\b(?![\d%])",
    re.I,
)
#: What stands between a multiple and the figure it multiplies ('double the 26,500 hectares').
MULTIPLE_OF = re.compile(r"\s+(?:(?:that of|of)\s+)?(?:the\s+)?(?:(?:some|about|around|nearly)\s+)?", re.I)
#: A change summed over a run of years ('a 30% cumulative reduction ... for the third consecutive year').
CUMULATIVE = re.compile(r"\bcumulative|\baccumulated|\bin total\b|накопленн|суммарн|в общей сложности", re.I)
#: The Taliban's bans on poppy (data/events.csv: taliban-ban-2000, taliban-ban-2022) by the month
#: each was decreed, and the last harvest before it: where a change 'since the ban' starts.
BANS = (("2000-07", 2000), ("2022-04", 2022))
#: Whose the bans are (the Taliban's, on Afghanistan's crop): a ban named of another area (Colombia's
#: on spraying glyphosate, the Wa region's) starts no change. 'Taliban' names them whatever the area.
BANS_AREA = "Afghanistan"
TALIBAN = re.compile(r"\b(?:Taliban|талиб)", re.I)
#: A change said from a ban on: 'since the ban', 'following a poppy cultivation ban',
#: 'после введения запрета'.
BAN = re.compile(
    r"\b(?:since|after|following)\s+(?:the\s+|a\s+|its\s+)?(?:\w+\s+){0,3}?(?:ban\b|banned)|\bpre-ban\b"
    r"|\b(?:после|с момента)\s+(?:введения\s+)?запрет",
    re.I,
)
#: What happened first after an event: 'the ban initially led to a 95% drop'.
FIRST_AFTER = re.compile(
    r"\b(?:initially|at first|in the first year|first year after|поначалу|в первый год)\b", re.I
)
#: A series word naming what a ban forbids, not a figure's series: 'a poppy cultivation ban',
#: 'banned the cultivation of', 'запрет на выращивание'.
BANNED = re.compile(r"\w+\s+(?:ban|prohibition)\b", re.I)
BAN_ON = re.compile(
    r"\b(?:ban(?:ned|s)?|prohibit\w*|outlaw\w*|запрет\w*)\s+(?:(?:on|of|the|its|a|на)\s+)*(?:\w+\s+)?$", re.I
)
#: A rank the area held before, not now: 'previously the world's top supplier', 'ранее крупнейший'.
PREVIOUSLY = re.compile(
    r"\b(?:(?P<lately>previously|formerly|until recently|ранее|прежде)"
    r"|once(?!\s+(?:again|more)\b)|for (?:many )?(?:years|decades)|когда-то|долгие годы|многие годы)\b"
    r"[^.;,]{0,40}$",
    re.I,
)
#: A rank said of the area just before it: '..., which was previously the world's largest producer'.
WHICH_WAS = re.compile(r",\s*(?:which|who|который|которая|которое)\b[^.;,]{0,40}$", re.I)
#: A change told after another that came before it: '... in 2022 after having fallen to 400 tons'.
AFTER_MOVE = re.compile(
    r"\bafter\s+(?:having\s+)?(?:fallen|fell|falling|risen|rose|rising|dropped|dropping|declined|declining"
    r"|grown|grew|growing|increased|increasing|decreased|decreasing|surged|plunged|peaked)\b",
    re.I,
)
#: A verb of change right before the level it reached: 'rose to a record 328,000 hectares',
#: 'was reduced to 92,784 hectares', 'сократилась до 10,8 тыс. га'.
MOVED_TO = re.compile(
    r"\b(?:(?P<fall>fell|fallen|dropped|declined|decreased|shrank|shrunk|plunged|plummeted|reduced"
    r"|сократил\w*|снизил\w*|упал\w*|уменьшил\w*)|rose|risen|increased|grew|grown|jumped|soared|climbed"
    r"|surged|вырос\w*|увеличил\w*|вырасти)\s+(?:\w+\s+){0,2}?(?:to|до)\s+(?:(?:a|an)\s+)?"
    r"(?:(?:record|estimated|new)\s+)?"
    r"(?:(?:about|around|some|nearly|almost|more than|over|около|почти|более)\s+)?$",
    re.I,
)
#: A rise or fall from an event's year on: 'increased after the Taliban took over in 2021'.
AFTER_YEAR = re.compile(r"\b(?:after|following|после)\b[^.;,\d]{0,50}?\b(?:19[89]\d|20[0-4]\d)\b", re.I)
#: What opens another clause between a figure and a 'last year' ('103 тысячи га и куда в прошлом году').
CLAUSE_TIE = re.compile(r"[,;]|\b(?:and|where|when|which|и|куда|где|когда|который)\b", re.I)
#: A bracketed aside ('(256,880 acres)'): no distance between a figure and its year.
BRACKETS = re.compile(r"\([^()]*\)")
#: What stands between a part and its whole ('4,085 of the 6,900 tonnes', '4085 из 6900 тонн').
PART_WHOLE = re.compile(r"\d\s+(?:(?:out\s+)?of(?:\s+the)?|из)\s+$", re.I)
#: From a percentage to the amount it ends at ('fell by 21 percent to 185,900 hectares', 'soared by
#: 53%, reaching approximately 2,644 metric tons').
REACHES = re.compile(
    r"\s*,?\s*(?:to|reaching|до|достиг\w*)\s+(?:(?:a total of|about|around|some|nearly|almost|approximately"
    r"|около|почти|примерно)\s+)?",
    re.I,
)
#: An earlier estimate of the same figure, not the figure of an earlier year ('the 2,700 tonnes
#: estimated earlier this year', 'a preliminary estimate of').
ESTIMATED_EARLIER = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:estimated|forecast|projected|predicted)\s+earlier"
    r"|\s*\(?(?:in\s+)?(?:an?\s+|the\s+)?(?:earlier|initial|preliminary|first)\s+(?:estimate|forecast)",
    re.I,
)
#: A change on the year before said after its figure ('19 percent increase year-on-year').
YEAR_ON_YEAR = re.compile(
    r"\s*(?:\w+\s+)?(?:year[- ]on[- ]year|year[- ]over[- ]year|в годовом (?:выражении|исчислении))", re.I
)
#: What stands between a percentage and the place it is said in ('a 29-percent rise in Myanmar',
#: 'рост на 27% в Колумбии').
IN_PLACE = re.compile(
    r"\s*(?:(?:rise|increase|growth|fall|decline|drop|decrease|reduction|jump|cut)\s+)?(?:in|в|во)\s+(?:the\s+)?",
    re.I,
)
#: A rise or fall said as a noun ('offset increases in Bolivia and Peru', 'a sharp decline in Colombia').
MOVE_NOUN = re.compile(
    r"\b(?:(?P<rise>increases?|rises?|growth|expansion)|(?P<fall>declines?|decreases?|falls?|drops?|reductions?))\b",
    re.I,
)
#: Characters within which a figure next to such a noun is the noun's own ('a 27 per cent rise').
MOVE_FIGURE_REACH = 20
#: Years of a movement before the figure's ('stable at 123,000 hectares after falling in 2007 and 2008'):
#: the figure's background, not its year.
AFTER_MOVED = re.compile(
    r"\bafter\s+(?:\w+ing|declines?|increases?|falls?|rises?|growth)\s+in\s+"
    r"(?P<years>(?:19[89]\d|20[0-4]\d)(?:\s*(?:,|and)\s*(?:19[89]\d|20[0-4]\d))*)",
    re.I,
)
#: A clause of the time a year names, just before a figure ('the 2007 level, when ... 193,000 hectares').
WHEN = re.compile(r"\b(?P<year>19[89]\d|20[0-4]\d)\b[^.;\d]{0,12},?\s*(?:when|когда)\b[^.;\d]{0,60}$", re.I)
#: A year a figure is before ('$100 per kg before 2022', 'pre-2022'): the year before it is the figure's.
BEFORE_YEAR = re.compile(r"\b(?:before|prior to|pre-)\s*(?P<year>19[89]\d|20[0-4]\d)\b", re.I)
#: What goes on from a change's end to a further figure ('..., and to 49,800 hectares', 'а затем до',
#: 'but it rose to').
THEN_TO = re.compile(
    r"[^.;]{0,40}?\b(?:and|then|but|и|а затем|затем|но)\s+(?:then\s+|(?:it|they)\s+[a-z]+\s+)?(?:to|до)\s+",
    re.I,
)
#: 'since' some words before a year said in words ('since the ban ... last year').
SINCE_BEFORE = re.compile(r"(?:\bsince|с момента|после того,? как)\b[^;.]{0,80}$", re.I)
SINCE_FAR = re.compile(
    r"(?:\bsince|с момента|начиная с)\b[^;]{0,80}?(?P<year>19[89]\d|20[0-4]\d)\b", re.IGNORECASE
)
#: A report titled by the year it appears, with the figures of the year before.
REPORT_YEAR = re.compile(
    r"(?:World Drug Report|Всемирн\w+ доклад\w* о наркотиках)\W{0,3}(?P<year>19[89]\d|20[0-4]\d)\b", re.I
)
#: A calendar date ('14 June 2007', 'Wednesday 2 September 2009', '13 июля 2016'): no year of data.
DATE = re.compile(rf"\b\d{{1,2}}\s+{MONTHS}\w*\.?,?\s+(?P<year>19[89]\d|20[0-4]\d)\b", re.IGNORECASE)
#: A survey year written as its span ('in period of 2016-2017'): the later year is the one.
YEAR_SPAN = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\s*[-–/]\s*(?P<year>19[89]\d|20[0-4]\d)\b")
SINCE = re.compile(r"(?:since|с|начиная с)\s+(?P<year>19[89]\d|20[0-4]\d)\b", re.IGNORECASE)
#: Ordinals of a rank or of a run of years ('second largest', 'the third consecutive year').
ORDINALS = {
    **dict.fromkeys(["second", "второй", "второе", "второго", "втором", "вторым", "второму"], 2),
    **dict.fromkeys(["third", "третий", "третье", "третьего", "третьем", "третьим"], 3),
    **dict.fromkeys(["fourth", "четвертый", "четвёртый", "четвертое", "четвертым", "четвёртым"], 4),
    **dict.fromkeys(["fifth", "пятый", "пятое", "пятым"], 5),
    **dict.fromkeys(["sixth", "шестой"], 6),
    **dict.fromkeys(["seventh", "седьмой"], 7),
}
_ORDINAL = "|".join(ORDINALS)
PLACE = re.compile(
    rf"\b(?P<n>{_ORDINAL})\b[\s-]+(?:(?:по величине|largest|biggest|highest|place|position|мест\w*)\b)"
    # a place said alone: 'Bolivia is third, with 23,000 hectares', 'ranks second behind Peru'
    rf"|\b(?:is|ranks?|ranked|came|comes|remains?|stands?|stood)\s+(?P<alone>{_ORDINAL})\b"
    r"(?=\s*[,.;]|\s+(?:with|in the world|worldwide|globally|behind|after)\b)",
    re.I,
)
RUN = re.compile(
    rf"\b(?P<n>{_ORDINAL})\s+(?:consecutive\s+year|straight\s+year|year\s+in\s+a\s+row|год\s+подряд)"
    rf"|\b(?P<count>\w+)\s+(?:consecutive|straight)\s+years",
    re.IGNORECASE,
)
RANK = re.compile(
    r"\b(?:largest|biggest|record(?!ed|ing|s\b)|highest|lowest|(?:new|all-time) (?:high|low)\b"
    r"|(?:top|leading|main|principal) (?:\w+[ -])?(?:producer|grower|supplier|source|producing|growing)"
    r"|No\.\s?1\b|number one"
    # a peak of a series, not of a season ('at the peak of the harvest season')
    r"|(?<!at the )peaks?\b(?!\s+(?:of\s+)?(?:the\s+)?(?:harvest|season|lancing|planting|growing))"
    r"|dominat\w* (?:the )?(?:global|world)"
    r"|(?:\d+|five|ten|fifteen|twenty)-year (?:low|high)\b|unprecedented|"
    r"крупнейш\w*|рекорд\w*|наибольш\w*|наименьш\w*|самы[йхмео]\w* (?:больш|высок|низк)\w*|перв\w* мест\w*"
    r"|по величине|беспрецедентн\w*|небывал\w*|(?:главн|основн)\w* (?:производител|поставщик)\w*"
    r"|лидер\w*|лидирует|лидирующ\w*|максимум\w*|минимум\w*|впервые|for the first time)",
    re.IGNORECASE,
)
#: A rank of the series' own years, not among producers: the rank word itself ('a record', 'the
#: lowest since 2004', 'исторического максимума') or 'ever', 'in history', 'since' after it
#: ('the largest area ever recorded'); LOW_RECORD makes it the lowest.
RECORD_WORD = re.compile(
    r"record(?!ed|ing|s\b)|peak|all-time|highest|lowest|(?:new|[\w-]+-year) (?:high|low)\b"
    r"|рекорд|максимум|минимум|наибольш|наименьш|самы[йхмео]\w* (?:высок|низк)",
    re.I,
)
RECORD_AFTER = re.compile(
    r"[^.;,]{0,50}?(?:\bever\b|\bin (?:its |their )?history|в (?:своей |его |ее )?истории"
    r"|\bsince\b|\bin (?:\w+ )?(?:years|decades)\b|\bза (?:\w+ )?(?:лет|года|десятилети)"
    r"|\bс (?:19[89]\d|20[0-4]\d))",
    re.I,
)
LOW_RECORD = re.compile(r"lowest|\blow\b|минимум|наименьш|низк", re.I)
#: Characters after a record word within which 'low' makes it the lowest ('a record low').
RECORD_LOW_REACH = 15
#: What a rank among producers names after its word ('the largest producer', 'крупнейший поставщик').
PRODUCER_NOUN = re.compile(
    r"[^.;,]{0,30}?(?:producer|grower|supplier|source|producing|growing|country|nation|cultivator"
    r"|производител|поставщик|стран|держав)",
    re.I,
)
#: 'the highest level in 16 years', 'a ten-year low': the years a record is counted over, said
#: within RECORD_YEARS_REACH characters after its word.
RECORD_YEARS_REACH = 50
RECORD_YEARS = re.compile(r"\bin (?P<n>\w+) years\b|\bза (?P<n2>\w+) (?:лет|года)\b|(?P<n3>\w+)-year\b", re.I)
#: Provinces named after their capital: in the press the name is the city ('released in Kabul').
CITIES = {"Kabul"}
#: Characters after a word of eradication within which the fields eradicated are named.
ERADICATED_OBJECT = 45
#: What opens the next clause after a figure: a series word beyond it is the next figure's.
NEXT_CLAUSE = re.compile(r"\band\b|\bи\b|[,;]", re.IGNORECASE)
#: A multiple said as a verb of change ('doubled', 'halved', 'cut in half', 'выросла вдвое').
MOVED_MULTIPLE = re.compile(
    r"doubl|tripl|quadrupl|halv|in half|вдвое|втрое|вчетверо|удво|утро(?=[еиял])", re.I
)
#: A multiple of something else than the year before ('five times more than Myanmar', 'чем в 2001').
THAN = re.compile(r"\bthan\b|\bчем\b|\bcompared\b|\bпо сравнению\b", re.IGNORECASE)
#: A series named only to compare with ('at a rate even greater than that of cultivation').
COMPARED = re.compile(r"\bthan\s+(?:that of\s+|in\s+)?(?:the\s+)?$|\bчем\s+(?:у\s+)?$", re.IGNORECASE)
COMPARED_REACH = 40  # characters: the longest 'than that of the ' with spaces to spare
#: A percentage about the amount just before it ('35 868 га посевной земли, что на 14,9 процента').
RELATIVE_CLAUSE = re.compile(
    r"[^.;\d]{0,30}?(?:,\s*(?:что|which is|which|a|an|or|или|i\.e\.|то есть|up|down|more than|nearly"
    r"|almost)\b"
    r"|\(|\s+or|\s+или)"
    r"\s*[^.;\d]{0,12}",
    re.IGNORECASE,
)
#: What a rank's own noun says is ranked ('the largest producer', 'the biggest source').
RANK_NOUNS = {
    "production": r"\b(?:producer|source|supplier|производител\w*|поставщик\w*)",
}
#: Where a sentence names its source ('..., the survey ... showed', ', according to'): its words
#: name a document, not the area of a figure before them.
ATTRIBUTION = re.compile(
    r",\s*(?:the\s+(?:\w+\s+){0,2}(?:survey|report)\b|according to|сообщ\w+|говорится|по данным)", re.I
)
#: Characters after a share within which 'the world' is its whole ('70% мирового производства').
#: 'share of' before the whole it names ('Myanmar's share of global production').
SHARE_OF_WHOLE = re.compile(r"\b(?:share|доля|долю|доли|долей)\s+(?:of\s+)?", re.IGNORECASE)
SHARE_WHOLE = 40
#: From a share's figure to the area of its whole: ' of Afghanistan's', ' percent of all of the'.
WHOLE_OF = re.compile(
    r"(?:\s*(?:per\s?cent|percent|%))?\s+(?:of|из|от)\s+(?:(?:all|the|всего|всей)\s+)*", re.I
)
#: Before the area a rank is measured against ('second largest ... behind Peru', 'после Афганистана'):
#: that area is the leader, not the figure's.
BEHIND = re.compile(r"\b(?:behind|after|following|ahead of|trailing|после|вслед за)\s+(?:the\s+)?$", re.I)
BEHIND_REACH = 24
#: A relative clause that tells of something else ('..., where the Taliban banned it in 2022').
ASIDE = re.compile(r",\s*(?:where|when|где|когда)\b", re.IGNORECASE)
#: A record beaten: the new one is the year the sentence is about, not the old one's.
BEATEN = re.compile(r"\b(?:beat\w*|broke|breaking|surpass\w*|побив\w*|побил\w*|обнов\w+)\b", re.IGNORECASE)
#: A whole that points back ('most of it', 'half of this amount'): the series said before.
OF_BEFORE = re.compile(r"\s+of\s+(?:it|this|that|them|these)\b|\s+(?:этого|этой|него|неё|нее)\b", re.I)
#: Characters after a rank word within which 'last year' dates it ('the record level ... reported last year').
RANK_DATED = 60
#: Characters from a figure to a rank word that says where the figure stands ('5,500 t, a record').
RANK_PUT = 45
#: Characters after a rank word within which its noun stands ('largest producer').
RANK_NOUN = 12
#: Stems of the areas the data know (lower case; a Russian stem matches every case ending).
AREAS = {
    "afghan": "Afghanistan",
    "афганистан": "Afghanistan",
    "афганск": "Afghanistan",
    "myanmar": "Myanmar",
    "burma": "Myanmar",
    "мьянм": "Myanmar",
    "бирм": "Myanmar",
    "lao pdr": "Lao PDR",
    "laos": "Lao PDR",
    "lao people": "Lao PDR",
    "лаос": "Lao PDR",
    "лаосск": "Lao PDR",
    "mexic": "Mexico",
    "мексик": "Mexico",
    "colombia": "Colombia",
    "колумби": "Colombia",
    "peru": "Peru",
    "перу": "Peru",
    "bolivia": "Bolivia",
    "боливи": "Bolivia",
    "pakistan": "Pakistan",
    "пакистан": "Pakistan",
    "thailand": "Thailand",
    "таиланд": "Thailand",
    "guatemala": "Guatemala",
    "гватемал": "Guatemala",
    "latin america": "Colombia;Peru;Bolivia",
    "south america": "Colombia;Peru;Bolivia",
    "andean": "Colombia;Peru;Bolivia",
    "латинской америк": "Colombia;Peru;Bolivia",
    "латинская америк": "Colombia;Peru;Bolivia",
    "южноамерикан": "Colombia;Peru;Bolivia",
    "южной америк": "Colombia;Peru;Bolivia",
    "андск": "Colombia;Peru;Bolivia",
    # UNODC's South-East Asia survey: the three countries it covers
    "golden triangle": "Myanmar;Lao PDR;Thailand",
    "south-east asia": "Myanmar;Lao PDR;Thailand",
    "southeast asia": "Myanmar;Lao PDR;Thailand",
    "south east asia": "Myanmar;Lao PDR;Thailand",
    "золотой треугольник": "Myanmar;Lao PDR;Thailand",
    "золотого треугольник": "Myanmar;Lao PDR;Thailand",
    "золотом треугольник": "Myanmar;Lao PDR;Thailand",
    "юго-восточной ази": "Myanmar;Lao PDR;Thailand",
    "юго-восточная ази": "Myanmar;Lao PDR;Thailand",
    "юго-восточную ази": "Myanmar;Lao PDR;Thailand",
    "world": "World",
    "global": "World",
    "миров": "World",
    "в мире": "World",
    "всемирн": "World",  # 'Всемирный доклад о наркотиках', as 'world' in 'World Drug Report'
    "глобальн": "World",
    # the Afghan provinces as the press spells them (UNODC's spellings come from provinces.csv)
    "helmand": "Hilmand",
    "гильменд": "Hilmand",
    "гельменд": "Hilmand",
    "herat": "Hirat",
    "герат": "Hirat",
    "oruzgan": "Uruzgan",
    "урузган": "Uruzgan",
    "daykundi": "Day Kundi",
    "daikundi": "Day Kundi",
    "кандагар": "Kandahar",
    "бадахшан": "Badakhshan",
    "нангархар": "Nangarhar",
    "фарах": "Farah",
}
#: Places the data hold no series for: a figure nearest one of them is not about a held area.
ELSEWHERE = re.compile(
    r"\bshan\b|kachin|chin state|the south\b(?! america)|regions\b"
    r"|(?<!state )departments?\b(?! of state)|(?:north|south|east|west|central)\w*(?:-\w+)? region"
    r"|\bшан\b|качин|регион\w*|(?<!гос)департамент\w*|юнгас|чапаре",
    re.IGNORECASE,
)
#: Characters from a figure within which such a place claims it ('less active in all regions'
#: further on does not).
ELSEWHERE_REACH = 60
#: 'the world's largest producer', 'крупнейшим в мире': the world as a rank's scope, not an area.
WORLD_SCOPE = re.compile(
    r"(?:world'?[’']?s|global)\s+(?:\w+\s+){0,2}?"
    r"(?:largest|biggest|top|main|leading|leader|No\.|number|second|third|major)"
    r"|(?:largest|biggest|top|leading)\s+(?:\w+\s+){0,4}?(?:worldwide|in the world)"
    r"|(?:крупнейш|лидер|лидир|перв|втор|трет)\w*\s+(?:\w+\s+){0,2}в\s+мире"
    r"|в\s+мире\s+(?:\w+\s+)?(?:крупнейш|лидер)"
    r"|(?:largest|biggest|top|leading)\s+global|world\s+leader|миров\w*\s+(?:лидер|рекорд)"
    r"|(?:крупнейш|лидер|лидир|перв|втор|трет|главн|основн)\w*\s+(?:\w+\s+){0,2}миров",
    re.IGNORECASE,
)
#: The world's own series named ('global production', 'мировое производство'): the area of a rank.
WORLD_SERIES = re.compile(
    r"\b(?:global|world(?:wide)?|world's)\s+(?:\w+\s+)?(?:production|cultivation|output|supply|area)"
    r"|\b(?:production|cultivation|output)\s+worldwide"
    r"|\bмиров\w*\s+(?:\w+\s+)?(?:производств|посев|площад)",
    re.I,
)
#: What a figure is of: the drug or plant, by stems (first match wins at a place).
OBJECTS = {
    "heroin": r"heroin|героин",
    "cocaine": r"cocaine|кокаин(?!ов\w* куст)",
    "coca": r"\bcoca\b|\bкок[аиуе]\b|\bкокой\b|кокаинов\w* куст\w*|кокаиновый куст",
    "opium": r"opium|opiate|\bpopp(?:y|ies)(?!-free)|опи[уа]\w*|опий\w*|\bмак\w*",
    "drugs": r"drug production|drug crops|производств\w* наркотик\w*",
}
#: What stands between a figure and the drug it is of ('tonnes of raw opium', 'тонн героина').
OF_OBJECT = re.compile(r"\s*(?:of|из|in(?: an?)?|в)?\s*(?:(?:raw|pure|dry|сыр\w+|чист\w+)\s+)?", re.I)
#: What is measured, by stems.
ASPECTS = {
    "eradication": r"eradicat|destroy|eliminat|уничтож|искорен|ликвид",
    # figures of something else poppy holds no series of: they stop a figure taking a series
    "other": r"income|revenue|\bGDP\b|\bvalue\b|seiz|consum|\busers\b|\bdeaths?\b|overdose"
    r"|\bdemand (?:for|has|had|is|was|grew|rose|fell)\b|потреблен|смерт|спрос"
    r"|poppy-free|provinces\b|свободн\w+ от"
    r"|урожайност|\byields? per|(?<=average )yields?|(?<=average opium )yields?|\byields on|\bper hectare"
    r"|доход|выручк|ВВП|изъя|потребител|перехват|\bлист\w* кок"
    r"|coca leaf price",
    "price": r"\bprice|\bцен[аыуе]|стоимост",
    "area": r"cultivat|\barea|planted|plantation|grown|\bgrow|\bfields?\b|land under|посев|площад|"
    r"культивир|выращив|засеян|засеива|засева|плантац",
    "production": r"produc|output|harvest|yield|\bcrops?\b|supply|manufactur"
    r"|производ|произвед|урожа|выпуск|получ",
}
#: The 'other' words that count places ('provinces'): they stop no figure in hectares or tonnes
#: ('grown in Afghanistan's provinces, on 224,000 hectares').
PLACES = re.compile(PLACE_WORDS, re.I)
#: The measure of a drug and an aspect; 'drugs' stands for the opium series both.
MEASURES = {
    ("opium", "area"): "cultivation",
    ("opium", "production"): "production",
    ("opium", "eradication"): "eradication",
    ("opium", "price"): "farmgate_price",
    ("heroin", "production"): "heroin_production",
    ("heroin", "area"): "cultivation",
    ("heroin", "eradication"): "eradication",
    ("coca", "area"): "coca_cultivation",
    ("coca", "production"): "coca_cultivation",  # 'coca production', 'the coca crop': the bush's
    ("coca", "eradication"): "eradication",
    ("cocaine", "area"): "coca_cultivation",
    ("cocaine", "production"): "cocaine_production",
    ("cocaine", "eradication"): "eradication",
    ("drugs", "area"): "cultivation",
    ("drugs", "production"): "cultivation;production",
}
#: The measure a drug's figure in a unit is of, whatever the words: coca in tonnes is cocaine.
UNIT_MEASURES = {("coca", "t"): "cocaine_production"}
#: The aspect a unit fixes.
UNIT_ASPECT = {"ha": "area", "t": "production", "usd_per_kg": "price"}
#: The measures counted in hectares (areas and eradication), from the table above.
AREA_MEASURES = frozenset(m for (_, aspect), m in MEASURES.items() if aspect in ("area", "eradication"))
#: Stems of the period events (events.csv ids).
EVENTS = {
    "isaf": "isaf",
    "мссб": "isaf",
    "special session": "ungass-1998",
    "специальной сессии": "ungass-1998",
    "ungass": "ungass-1998",
}
#: What a pledge covered, for a target claim: the UNGASS 1998 declaration pledged to eliminate or
#: significantly reduce illicit opium poppy and coca cultivation by 2008.
TARGETS = {
    "ungass-1998": {
        "start_year": "1998",
        "end_year": "2008",
        "area": "Afghanistan;World",
        "measure": "cultivation;production;coca_cultivation;cocaine_production",
    }
}
NOT_MET = re.compile(
    r"not been implemented|not implemented|not (?:been )?met|не выполнен|не реализован", re.I
)
#: Characters between a rise or fall word and the series it moves.
TREND_REACH = 50
#: A phrase set between commas inside a clause ('production, previously the world's top supplier, has').
APPOSITIVE = re.compile(r",[^,.;\d]{3,60},")
#: A sentence that starts by pointing back at the one before ('This was the lowest level since 2004').
ANAPHORA = re.compile(
    # 'It says ...' is the report speaking, not the series
    r"\s*(?:this|these|that|it|это\w*|этот|эта|эти)\b(?!\s+(?:says|said|notes|noted|reports|reported|adds|added)\b)",
    re.IGNORECASE,
)
#: A pronoun that can be a series' subject ('оно снова начало расти', 'it fell again'), and the
#: characters after it within which its verb of rise or fall stands.
PRONOUN = re.compile(r"\b(?:оно|она|они|it|they)\b", re.I)
PRONOUN_REACH = 30
#: A sentence whose subject is the one before's ('But it was still more than double'), a province too.
IT = re.compile(r"\W*(?:(?:but|and|yet|so|however,?)\s+)?(?:it|its|но он[аои]?|он[аои]?)\b", re.I)
#: Words that point back at the area named before ('it', 'the country', 'этой стране').
POINTS_BACK = re.compile(
    r"\b(?:this|it|its|the country|the nation|этой стран\w*|эта стран\w*|стран[аеу]|он[аои]?|её|его)\b", re.I
)
#: A forecast, a goal or a hedge: what a sentence says will, may or must happen is nothing to check.
UNSURE = re.compile(
    r"\b(?:will|would|could(?! (?:have been |be )?produced)|may|might|expect\w*|forecast\w*|likely|aim\w*"
    r"|goal|need to|must|should"
    r"|будет|будут|продолжит|может|могут|ожида\w*|прогноз\w*|необходимо|нужно|должн\w*|добиться|вероятно"
    r"|to (?:reduce|cut|curb|eliminate|decrease|lower|increase|boost)"
    r"|сократить|снизить|уменьшить|ликвидировать)\b",
    re.IGNORECASE,
)
#: Where one clause of a sentence ends and another begins, for a hedge that is the other clause's.
CLAUSE_CUT = re.compile(r",\s*and\b|;|\bbut\b|,\s*(?:а|но|и)\b", re.I)
#: A plan or a goal: its figures are what someone means to do, not what was measured.
GOAL = re.compile(
    r"\b(?:plans? to|planned to|wants? to|aims? to|intends? to|goal of|target of|хоч\w*|хот[ия]т|в планах"
    r"|планиру\w*|намерен\w*|намерева\w*|целью)\b",
    re.IGNORECASE,
)
ONLY = re.compile(r"\bonly\b|\bтолько\b|\bлишь\b", re.IGNORECASE)
#: Directions with a word of their own ('only negative': drug production only grew).
NEGATIVE = re.compile(r"negative|негатив", re.IGNORECASE)
#: Judgements a figure bears on without stating one.
OPINION = re.compile(r"complete failure|industrial scale|провал\w*|промышленн\w+ масштаб", re.IGNORECASE)
SAME_PERIOD = re.compile(
    r"same (?:period|time|year)|same two years|тот же период|том же году|тот же год|то же время"
    r"|за этот период",
    re.IGNORECASE,
)
#: Years said relative to the statement's date, or to the year of the sentence before.
RELATIVE = {
    "said": (re.compile(r"\bthis year|в этом году|в текущем году|нынешн\w+ год", re.I), 0),
    "said_last": (
        re.compile(r"\blast year|в прошлом году|в минувшем году|за прошлый год|прошлогодн|прошлым год", re.I),
        -1,
    ),
    "before": (re.compile(r"previous year|a year earlier|year before|годом ранее|предыдущ\w+ год", re.I), -1),
}
#: One country of a region ('the Andean country') or some of them ('in several Andean countries'):
#: the country the text is about, not the region.
ONE_OF_REGION = re.compile(
    r"(?:andean|south american) (?:country|nation)\b|(?:андск|южноамериканск)(?:ая|ой|ую) стран"
    r"|(?<=several )(?:andean|south american) countries|(?<=other )(?:andean|south american) countries",
    re.IGNORECASE,
)
#: What stands between the names of a list ('Colombia, Peru and Bolivia', 'Кандагар, Фарах и ...').
LIST_JOIN = re.compile(r"\w*(?:\s*,\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+)")
#: 'respectively' gives each name of a list its own figure.
RESPECTIVELY = re.compile(r"respectively|соответственно", re.IGNORECASE)
#: Characters after 'respectively' within which its list of places stands.
RESPECTIVE_REACH = 60
#: Words of a change's start ('from', 'compared with', 'с', 'против').
_START = r"\bfrom\b|\bс\b|\bсо\b|compared (?:to|with)|against|по сравнению с|против"
#: Words that make two figures a change's start and end ('from ... to', 'с ... до', 'up from').
FROM = re.compile(rf"{_START}|than|чем", re.I)
#: What ties a percentage to the earlier figure it is from ('down 91 per cent from the figure of 26,800').
MOVE_FROM = re.compile(r"\s*(?:from|on|compared (?:with|to)|against|с|по сравнению с)\b[^,;.\d]{0,25}", re.I)
#: An aside within a sentence: between dashes or in brackets ('the area in Afghanistan -- the plant
#: behind the most drug-related deaths worldwide -- increased').
ASIDE_SPAN = re.compile(r"\s(?:--|[—–])\s[^—–]{1,200}?\s(?:--|[—–])\s|\([^()]{1,200}\)")
#: A rank of every series the sentence names ('cultivation and production reached their lowest').
THEIR_RANK = re.compile(r"\btheir (?:\w+ )?(?:lowest|highest|largest|smallest|record)", re.I)
#: A run of years before the sentence's own: 'slight increases for 2021 after three consecutive years of
#: decline', 'после трех лет снижения'.
AFTER_RUN = re.compile(
    r"\b(?:after|following|после)\s+(?P<n>\w+)\s+(?:(?:consecutive|straight)\s+)?(?:years?\s+of|лет|года)\s+"
    r"(?:подряд\s+)?(?P<what>\w+)",
    re.I,
)
#: A start's word just before a figure ('from 6,900 tons').
FROM_AT = re.compile(rf"(?:{_START})\s*(?:about\s+|около\s+)?$", re.I)
TO = re.compile(r"\bto\b|\bдо\b|\breached\b", re.I)
#: What stands between the figures of a chain of years: ' in 2018 and ', ' в 2018 году, '.
CHAIN = re.compile(r"[^.;]{0,16}?(?:\band|\bи|,)\s*")
#: When UNODC's survey of an area appears (month) and the year its figures are of (relative to
#: the year it appears): the Afghan survey from late August, the South-East Asian one from
#: October, the Andean coca surveys from June with the year before's figures; else October.
SURVEYS = {
    "Afghanistan": (8, 0),
    **dict.fromkeys(("Myanmar", "Lao PDR"), (10, 0)),
    **dict.fromkeys(("Colombia", "Peru", "Bolivia"), (6, -1)),
    "": (10, 0),
}
#: Areas whose survey appeared in another month until a year: Laos's own opium survey came out
#: in June or July until the joint South-East Asia survey of October took it over in 2006.
SURVEYS_UNTIL = {"Lao PDR": (2006, (6, 0))}
#: The Afghan provinces AREAS names (a province is never carried to the next sentence).
PROVINCES = {"Hilmand", "Hirat", "Uruzgan", "Day Kundi", "Kandahar", "Badakhshan", "Nangarhar", "Farah"}
#: The countries AREAS names (the rest are Afghan provinces, groups and the world).
COUNTRIES = frozenset(a for a in AREAS.values() if ";" not in a and a != "World") - PROVINCES
