#!/usr/bin/env python3
"""Makes src/privacy/data/code-words.txt: the words `helder codes` draws from.

A code is four words from this list (11 bits each, so exactly 2,048 words).
Words are chosen for a letter to parents: common Dutch words (by frequency,
most common first) of 3 to 8 letters a-z, so they are typed on any phone
without accents or capitals; no names (of people, places or brands), no
words that are rude, sad, frightening or awkward to read in a school letter,
no two forms of one word (boek/boeken), so a typo does not give another word
of the list.

Sources:
- src/plain/data/frequency-nl.txt (wordfreq 3.1.1, CC BY-SA 4.0), for how
  common a word is;
- the OpenTaal word list (Debian package `wdutch`, /usr/share/dict/dutch;
  BSD or CC BY 3.0, https://www.opentaal.org/), to keep only Dutch words
  and to drop names (OpenTaal writes those with a capital).

Run from the repository root: python3 scripts/make-code-words.py
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FREQUENCY = ROOT / "src/plain/data/frequency-nl.txt"
OPENTAAL = Path("/usr/share/dict/dutch")
OUT = ROOT / "src/privacy/data/code-words.txt"
COUNT = 2048

HEADER = """\
# Words for the codes of private sites (helder codes): four words per code.
# Made by scripts/make-code-words.py; do not edit by hand, change the script.
# {count} words, so each word of a code adds 11 bits.
# Sources (their licences cover this list):
# - word frequencies: wordfreq 3.1.1 (https://github.com/rspeer/wordfreq),
#   Robyn Speer and contributors, CC BY-SA 4.0
#   (https://creativecommons.org/licenses/by-sa/4.0/); see
#   src/plain/data/frequency-nl.txt.
# - Dutch words and names: the OpenTaal word list (https://www.opentaal.org/),
#   Stichting OpenTaal, BSD or CC BY 3.0
#   (https://creativecommons.org/licenses/by/3.0/), as Debian's wdutch package.
# This list: CC BY-SA 4.0, as its frequency source.
"""

# Little words: hard to remember as part of a code.
FUNCTION_WORDS = set("""
het van een dat met niet voor zijn die aan als maar door hij ook bij dan dit heeft
naar uit was wat deze hebben nog over geen heb kan meer mijn tot wel worden wordt ben
haar kunnen veel gaan gaat hoe moet ons onze waar werd wil zich zou doen dus had hier
hun mij onder tegen alle daar eens heel iets jij mee moeten omdat toch toen weer wij
zal zij zoals alles hem jullie net tussen via waarom waren weet wie bent binnen even
hebt iemand kunt kwam mag toe vanaf verder want zullen bijna doe elke hadden jou jouw
kon nee per sinds ten den hen kun men niks nou ter zeg zei der des het wiens wier
daarna daarom welke welk zulke zulk hoeveel ieder iedere elk enige enkele eigen beide
hare zoiets ermee erin erop eruit erbij ervan ervoor erna erom eraf erg even echter
tijdens terwijl zodat zowel noch mits tenzij hetzij aldus alsof doordat nadat voordat
zelf zelfs wanneer welke wiens waarin waarop waarmee waarvan waarbij daarin daarop
daarmee daarvan daarbij hierin hierop hiermee hiervan hierbij hieraan daaraan waaraan
ofwel dienen dient diende heeft hebt had hadden wordt werd werden zou zouden zult
moest moesten mocht mochten kon konden wilde wilden ging gingen kwamen laat liet
""".split())

# Rude, sad, frightening, violent, medical, religious, political or otherwise
# awkward words for a school letter; and words that are names after all.
BLOCKED = set("""
dood doden dode gedood sterven stierf sterft overleden overlijden lijk lijken graf
begraven moord moorden vermoord moordenaar doodt dader daders misdaad geweld oorlog
wapen wapens geweer pistool bom bommen kogel kogels schieten schoot schiet neer
aanval aanvallen terrorist terreur gijzeling ontvoering verkrachting seks sex porno
naakt bloot kont lul kut klote shit fuck hoer pik neuken sperma borsten tepel
drugs drank dronken alcohol bier wijn wodka whisky sigaret roken wiet coke heroine
ziek ziekte kanker pijn pijnlijk virus corona dokter ziekenhuis patient patienten
operatie dood verdriet huilen huilde rouw treurig droevig bang angst eng hel duivel
satan god jezus allah bijbel kerk moskee islam moslim christen jood joden paus
politiek partij pvv vvd cda d66 sp verkiezing president minister premier koning
koningin prins prinses keizer regering politie agent agenten cel gevangenis dief
dieven stelen gestolen fraude straf gestraft rechter advocaat proces schuld schuldig
arrest arrestatie verdachte verdachten slachtoffer slachtoffers ongeluk ramp crisis
brand honger armoede arm vluchteling ruzie haat haten hekel idioot dom stom lelijk
vet dik dikke lul gek gekke mongool debiel zwart neger blank ras racisme nazi hitler
slaaf slaven dwingen moet ontslag ontslagen failliet werkloos schuld schulden belasting
scheiding gescheiden weduwe wees zelfmoord depressie stress ziekte zwanger abortus
aanslag aangifte besmet bedreigd betrapt bloed diefstal doelwit dodelijk dreiging dreigt
explosie gevangen gevecht gewond misbruik moslims ontvoerd ontsnapt overval overleed
vijand wraak woede verwoest vermist troepen soldaten strijd oorlogen kwaad lijden ellende
paniek schande slag slaan geslagen verbrand tranen griep kliniek priester dominee gebed
bidden kerken heilige goden tempel religie hemel failliet geile hoeren tieten slet sexy
seksuele homo gay kont blanke blote zwarte etnische indianen kolonel generaal majoor
officier defensie militair leger wapen kapot verpest verloren verlies pech rot vies
lelijke domme idioten schuld vechten gevaar dodelijk justitie gepleegd plegen dader
verdacht vermoord verkozen kabinet coalitie senator politici fractie zetels kiezers
regime opstand protest petitie grondwet unie federale liberale rechtse partijen
liegen leugens jaloers nood noodzaak ongeval incident overlast onrust dreiging
ontslagen ontslag werkloos lijk graf hel duivel engel ziel geloof bijbel kruis
bier biertje wijn drank dronken casino dating date lust massage naakt bruid
huisarts ziekte zieke ziek operatie pijn virus besmet verkeerd fout slechts
boete bewind bewakers arrest gevangen gijzeling geweld wraak weduwe wees
hersenen organen nagels tanden borst buik keel tong lippen bot bloed
klap geslacht misbruik slachtoffer schaduw woestijn hoer lul kut slaaf
non paus koning keizer prins gouden graden hectare btw hbo mbo gsm okt feb http
huh haha jeetje tja wauw hoezo jawel neen bravo ach sorry tuurlijk trouwens
amper circa qua mede ere tal ene gij zul hou wou ouwe goeie vent kerel lieverd
mama papa oma opa
rotzooi sancties schok schop schutter dreigen nare neuk offer opdat opereren pest prooi puinhoop schamen poker ophef opmars
complot corrupte dictator doodde dreigde duistere duivels dumpen dwong executie genocide
giftige letsel lullen munitie infectie schaamte ziektes zweet irritant kwalijk enge eenzaam
kapotte inflatie kolonie douane clan gen kramer jee doch geachte
aids affaire agressie asiel bedrog billen bloedbad blessure bisschop bizarre commando
diagnose eenzame geil genade gif gun handicap inbraak invasie misdaden misdrijf monniken
monsters naakte orkaan penis pesten pikken radicale rebellen rechters rellen schedel schrik
sovjet stront stomme straffen straling strijden verdomme vermiste vonnis waanzin wanhopig
zwangere zweer zinloos zielig therapie koorts medicijn vijanden gok rolstoel ziekten stierven
pastoor heilig schaam soldaat migratie dosis admiraal inheemse westerse motie zoenen seksueel
abc apps bio gps havo mam mar nov pre gulden dollar euro bruto rente vastgoed dagblad oom tante neef nicht zus zuster broertje dochter zoon vader moeder
eenheden aandelen koers omzet salaris subsidie belasting pensioen kenteken paspoort
""".split())

# English words that are in OpenTaal but are not Dutch to a parent.
ENGLISH = set("""
all are back big black blue business city classic dance get have high home hot house
ice like living lord more music end set sir style sub tag time track update down air
airport avenue box bridge center check chat content cover cup deal design download event
fair game happy level live lady match mobile party power pro race research review rock
server service show single site society software support team tour trend type webcam
workshop wifi act app boston carter grand gold port private front online offline
account audio blog campus cartoon elite finish firma focus home impact info living
logo luxe mail mega mini mobile nep pop rapper record score sessie shop sms solo super
tweets update webshop wifi living review rock lab label hit hits kids fans chef dvd
big end get fair data database door
page reality services
bye cat clean clip country crash credit death dec easy goals grey inch likes kinky meeting
demo hop
battle beauty care case cash captain close county crew cross drive doctor flash football
frame future https item list must office outfit pdf pink porto release scan scene security
short shows singles sites smart song speech spot store tape timing tools topic toppers
trending trends trip uploaden hashtag feedback email lobby suite allround entree
""".split())

SUFFIXES = ("en", "s", "e", "n", "je", "jes", "tje", "tjes", "er", "ste", "t", "te", "de")


def is_participle(word):
    """gegeven, gebakken, gestopt: forms of a verb, hard to remember."""
    return (
        word.startswith(("ge", "be", "ver", "ont", "her"))
        and word.endswith(("d", "t", "en"))
        and len(word) >= 6
    )


def frequency_words():
    for line in FREQUENCY.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "=")):
            yield line.strip()


def opentaal():
    words, names = set(), set()
    for line in OPENTAAL.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word[:1].isupper():
            names.add(word.lower())
        else:
            words.add(word)
    return words, names


def base_forms(word):
    """Other forms a word may be of, for 'no two forms of one word'."""
    forms = {word}
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms.add(stem)
            # boeken -> boek, lopen -> loop (double the vowel back)
            if len(stem) >= 2 and stem[-2] in "aeiou" and stem[-1] not in "aeiou":
                forms.add(stem[:-1] + stem[-2] + stem[-1])
            # bakken -> bak
            if len(stem) >= 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])
    return forms


def main():
    if not OPENTAAL.exists():
        sys.exit(f"{OPENTAAL} is missing: apt install wdutch")
    dutch, names = opentaal()
    chosen, seen_forms = [], set()
    for word in frequency_words():
        if not re.fullmatch(r"[a-z]{3,8}", word):
            continue
        if word not in dutch or word in names:
            continue
        if word in FUNCTION_WORDS or word in BLOCKED or word in ENGLISH:
            continue
        if is_participle(word):
            continue
        forms = base_forms(word)
        if forms & seen_forms:
            continue
        seen_forms |= forms
        chosen.append(word)
        if len(chosen) == COUNT:
            break
    if len(chosen) < COUNT:
        sys.exit(f"only {len(chosen)} words")
    assert len(set(chosen)) == COUNT
    OUT.write_text(HEADER.format(count=COUNT) + "\n".join(sorted(chosen)) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {COUNT} words")


if __name__ == "__main__":
    main()
