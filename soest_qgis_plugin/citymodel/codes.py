"""ALKIS building function codes and AdV roof types -> German labels (pure Python).

The labels are the official German names of the AdV/ALKIS code lists (AX_Gebaeude
Gebäudefunktion, AX_Turm and AX_SonstigesBauwerkOderSonstigeEinrichtung Bauwerksfunktion, AdV
Dachform). They are data, not UI text, so they stay German in every language.
CityGML writes them as ``<object type>_<code>``: ``31001_1010`` (Gebäude: Wohnhaus),
``51001_1001`` (Turm: Kirchturm), ``51009_1610`` (Sonstiges Bauwerk: Überdachung).
"""

# AX_Gebaeude (31001): Gebäudefunktion.
GEBAEUDEFUNKTION = {
    "1000": "Wohngebäude",
    "1010": "Wohnhaus",
    "1020": "Wohnheim",
    "1021": "Kinderheim",
    "1022": "Seniorenheim",
    "1023": "Schwesternwohnheim",
    "1024": "Studenten-, Schülerwohnheim",
    "1025": "Schullandheim",
    "1100": "Gemischt genutztes Gebäude mit Wohnen",
    "1110": "Wohngebäude mit Gemeinbedarf",
    "1120": "Wohngebäude mit Handel und Dienstleistungen",
    "1121": "Wohn- und Verwaltungsgebäude",
    "1122": "Wohn- und Bürogebäude",
    "1123": "Wohn- und Geschäftsgebäude",
    "1130": "Wohngebäude mit Gewerbe und Industrie",
    "1131": "Wohn- und Betriebsgebäude",
    "1210": "Land- und forstwirtschaftliches Wohngebäude",
    "1220": "Land- und forstwirtschaftliches Wohn- und Betriebsgebäude",
    "1221": "Bauernhaus",
    "1222": "Wohn- und Wirtschaftsgebäude",
    "1223": "Forsthaus",
    "1310": "Gebäude zur Freizeitgestaltung",
    "1311": "Ferienhaus",
    "1312": "Wochenendhaus",
    "1313": "Gartenhaus",
    "2000": "Gebäude für Wirtschaft oder Gewerbe",
    "2010": "Gebäude für Handel und Dienstleistungen",
    "2020": "Bürogebäude",
    "2030": "Kreditinstitut",
    "2040": "Versicherung",
    "2050": "Geschäftsgebäude",
    "2051": "Kaufhaus",
    "2052": "Einkaufszentrum",
    "2053": "Markthalle",
    "2054": "Laden",
    "2055": "Kiosk",
    "2056": "Apotheke",
    "2060": "Messehalle",
    "2070": "Gebäude für Beherbergung",
    "2071": "Hotel, Motel, Pension",
    "2072": "Jugendherberge",
    "2073": "Hütte (mit Übernachtungsmöglichkeit)",
    "2074": "Campingplatzgebäude",
    "2080": "Gebäude für Bewirtung",
    "2081": "Gaststätte, Restaurant",
    "2082": "Hütte (ohne Übernachtungsmöglichkeit)",
    "2083": "Kantine",
    "2090": "Freizeit- und Vergnügungsstätte",
    "2091": "Festsaal",
    "2092": "Kino",
    "2093": "Kegel-, Bowlinghalle",
    "2094": "Spielkasino",
    "2100": "Gebäude für Gewerbe und Industrie",
    "2110": "Produktionsgebäude",
    "2111": "Fabrik",
    "2112": "Betriebsgebäude",
    "2113": "Brauerei",
    "2114": "Brennerei",
    "2120": "Werkstatt",
    "2121": "Sägewerk",
    "2130": "Tankstelle",
    "2131": "Waschstraße, Waschanlage, Waschhalle",
    "2140": "Gebäude für Vorratshaltung",
    "2141": "Kühlhaus",
    "2142": "Speichergebäude",
    "2143": "Lagerhalle, Lagerschuppen, Lagerhaus",
    "2150": "Speditionsgebäude",
    "2160": "Gebäude für Forschungszwecke",
    "2170": "Gebäude für Grundstoffgewinnung",
    "2171": "Bergwerk",
    "2172": "Saline",
    "2180": "Gebäude für betriebliche Sozialeinrichtung",
    "2200": "Sonstiges Gebäude für Gewerbe und Industrie",
    "2210": "Mühle",
    "2211": "Windmühle",
    "2212": "Wassermühle",
    "2213": "Schöpfwerk",
    "2220": "Wetterstation",
    "2310": "Gebäude für Handel und Dienstleistung mit Wohnen",
    "2320": "Gebäude für Gewerbe und Industrie mit Wohnen",
    "2400": "Betriebsgebäude zu Verkehrsanlagen (allgemein)",
    "2410": "Betriebsgebäude für Straßenverkehr",
    "2411": "Straßenmeisterei",
    "2412": "Wartehalle",
    "2420": "Betriebsgebäude für Schienenverkehr",
    "2421": "Bahnwärterhaus",
    "2422": "Lokschuppen, Wagenhalle",
    "2423": "Stellwerk, Blockstelle",
    "2424": "Betriebsgebäude des Güterbahnhofs",
    "2430": "Betriebsgebäude für Flugverkehr",
    "2431": "Flugzeughalle",
    "2440": "Betriebsgebäude für Schiffsverkehr",
    "2441": "Werft (Halle)",
    "2442": "Dock (Halle)",
    "2443": "Betriebsgebäude zur Schleuse",
    "2444": "Bootshaus",
    "2450": "Betriebsgebäude zur Seilbahn",
    "2451": "Spannwerk zur Drahtseilbahn",
    "2460": "Gebäude zum Parken",
    "2461": "Parkhaus",
    "2462": "Parkdeck",
    "2463": "Garage",
    "2464": "Fahrzeughalle",
    "2465": "Tiefgarage",
    "2500": "Gebäude zur Versorgung",
    "2501": "Gebäude zur Energieversorgung",
    "2510": "Gebäude zur Wasserversorgung",
    "2511": "Wasserwerk",
    "2512": "Pumpstation",
    "2513": "Wasserbehälter",
    "2520": "Gebäude zur Elektrizitätsversorgung",
    "2521": "Elektrizitätswerk",
    "2522": "Umspannwerk",
    "2523": "Umformer",
    "2527": "Reaktorgebäude",
    "2528": "Turbinenhaus",
    "2529": "Kesselhaus",
    "2540": "Gebäude für Fernmeldewesen",
    "2560": "Gebäude an unterirdischen Leitungen",
    "2570": "Gebäude zur Gasversorgung",
    "2571": "Gaswerk",
    "2580": "Heizwerk",
    "2590": "Gebäude zur Versorgungsanlage",
    "2591": "Pumpwerk (nicht für Wasserversorgung)",
    "2600": "Gebäude zur Entsorgung",
    "2610": "Gebäude zur Abwasserbeseitigung",
    "2611": "Gebäude der Kläranlage",
    "2612": "Toilette",
    "2620": "Gebäude zur Abfallbehandlung",
    "2621": "Müllbunker",
    "2622": "Gebäude zur Müllverbrennung",
    "2623": "Gebäude der Abfalldeponie",
    "2700": "Gebäude für Land- und Forstwirtschaft",
    "2720": "Land- und forstwirtschaftliches Betriebsgebäude",
    "2721": "Scheune",
    "2723": "Schuppen",
    "2724": "Stall",
    "2726": "Scheune und Stall",
    "2727": "Stall für Tiergroßhaltung",
    "2728": "Reithalle",
    "2729": "Wirtschaftsgebäude",
    "2732": "Almhütte",
    "2735": "Jagdhaus, Jagdhütte",
    "2740": "Treibhaus, Gewächshaus",
    "2741": "Treibhaus",
    "2742": "Gewächshaus, verschiebbar",
    "3000": "Gebäude für öffentliche Zwecke",
    "3010": "Verwaltungsgebäude",
    "3011": "Parlament",
    "3012": "Rathaus",
    "3013": "Post",
    "3014": "Zollamt",
    "3015": "Gericht",
    "3016": "Botschaft, Konsulat",
    "3017": "Kreisverwaltung",
    "3018": "Bezirksregierung",
    "3019": "Finanzamt",
    "3020": "Gebäude für Bildung und Forschung",
    "3021": "Allgemein bildende Schule",
    "3022": "Berufsbildende Schule",
    "3023": "Hochschulgebäude (Fachhochschule, Universität)",
    "3024": "Forschungsinstitut",
    "3030": "Gebäude für kulturelle Zwecke",
    "3031": "Schloss",
    "3032": "Theater, Oper",
    "3033": "Konzertgebäude",
    "3034": "Museum",
    "3035": "Rundfunk, Fernsehen",
    "3036": "Veranstaltungsgebäude",
    "3037": "Bibliothek, Bücherei",
    "3038": "Burg, Festung",
    "3040": "Gebäude für religiöse Zwecke",
    "3041": "Kirche",
    "3042": "Synagoge",
    "3043": "Kapelle",
    "3044": "Gemeindehaus",
    "3045": "Gotteshaus",
    "3046": "Moschee",
    "3047": "Tempel",
    "3048": "Kloster",
    "3050": "Gebäude für Gesundheitswesen",
    "3051": "Krankenhaus",
    "3052": "Heilanstalt, Pflegeanstalt, Pflegestation",
    "3053": "Ärztehaus, Poliklinik",
    "3060": "Gebäude für soziale Zwecke",
    "3061": "Jugendfreizeitheim",
    "3062": "Freizeit-, Vereinsheim, Dorfgemeinschafts-, Bürgerhaus",
    "3063": "Seniorenfreizeitstätte",
    "3064": "Obdachlosenheim",
    "3065": "Kinderkrippe, Kindergarten, Kindertagesstätte",
    "3066": "Asylbewerberheim",
    "3070": "Gebäude für Sicherheit und Ordnung",
    "3071": "Polizei",
    "3072": "Feuerwehr",
    "3073": "Kaserne",
    "3074": "Schutzbunker",
    "3075": "Justizvollzugsanstalt",
    "3080": "Friedhofsgebäude",
    "3081": "Trauerhalle",
    "3082": "Krematorium",
    "3090": "Empfangsgebäude",
    "3091": "Bahnhofsgebäude",
    "3092": "Flughafengebäude",
    "3094": "Gebäude zum U-Bahnhof",
    "3095": "Gebäude zum S-Bahnhof",
    "3097": "Gebäude zum Busbahnhof",
    "3098": "Empfangsgebäude Schifffahrt",
    "3100": "Gebäude für öffentliche Zwecke mit Wohnen",
    "3200": "Gebäude für Erholungszwecke",
    "3210": "Gebäude für Sportzwecke",
    "3211": "Sport-, Turnhalle",
    "3212": "Gebäude zum Sportplatz",
    "3220": "Badegebäude",
    "3221": "Hallenbad",
    "3222": "Gebäude im Freibad",
    "3230": "Gebäude im Stadion",
    "3240": "Gebäude für Kurbetrieb",
    "3241": "Badegebäude für medizinische Zwecke",
    "3242": "Sanatorium",
    "3260": "Gebäude im Zoo",
    "3261": "Gebäude im botanischen Garten",
    "3262": "Gewächshaus (Botanik)",
    "3290": "Touristisches Informationszentrum",
    "9998": "Nach Quellenlage nicht zu spezifizieren",
    "9999": "Sonstiges",
}

# AX_Turm (51001): Bauwerksfunktion.
TURM = {
    "1000": "Wasserturm",
    "1001": "Kirchturm, Glockenturm",
    "1002": "Aussichtsturm",
    "1003": "Kontrollturm",
    "1004": "Kühlturm",
    "1005": "Leuchtturm",
    "1006": "Feuerwachturm",
    "1007": "Sende-, Funkturm, Fernmeldeturm",
    "1008": "Stadt-, Torturm",
    "1009": "Förderturm",
    "1010": "Bohrturm",
    "1011": "Schloss-, Burgturm",
    "9999": "Sonstiges",
}

# AX_SonstigesBauwerkOderSonstigeEinrichtung (51009): Bauwerksfunktion (the ones in LoD2 data).
SONSTIGES_BAUWERK = {
    "1610": "Überdachung",
    "1611": "Carport",
    "1620": "Treppe",
    "1621": "Freitreppe",
    "1622": "Rolltreppe",
    "1640": "Kellereingang",
    "1650": "Rampe",
    "1700": "Mauer",
    "1790": "Stützmauer",
    "9999": "Sonstiges",
}

FUNCTION_TABLES = {"31001": GEBAEUDEFUNKTION, "51001": TURM, "51009": SONSTIGES_BAUWERK}
FUNCTION_PREFIX_LABEL = {"31001": "Gebäude", "51001": "Turm", "51009": "Sonstiges Bauwerk"}

# AdV Dachform.
ROOF_TYPES = {
    "1000": "Flachdach",
    "2100": "Pultdach",
    "2200": "Versetztes Pultdach",
    "3100": "Satteldach",
    "3200": "Walmdach",
    "3300": "Krüppelwalmdach",
    "3400": "Mansardendach",
    "3500": "Zeltdach",
    "3600": "Kegeldach",
    "3700": "Kuppeldach",
    "3800": "Sheddach",
    "3900": "Bogendach",
    "4000": "Turmdach",
    "5000": "Mischform",
    "9999": "Sonstiges",
}


def _code_text(code):
    if code is None:
        return ""
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    return str(code).strip()


def function_label(code):
    """German label of a building function code ('31001_1010' -> 'Wohnhaus'); '' if unknown."""
    text = _code_text(code)
    if not text:
        return ""
    prefix, _, number = text.rpartition("_")
    if prefix:
        table = FUNCTION_TABLES.get(prefix)
        return table.get(number, "") if table else ""
    return GEBAEUDEFUNKTION.get(number, "")


def roof_type_label(code):
    """German label of an AdV roof type code ('3100' -> 'Satteldach'); '' if unknown."""
    text = _code_text(code)
    return ROOF_TYPES.get(text.rpartition("_")[2], "")


def function_group(code):
    """Coarse group for map styling: 'Wohnen', 'Gewerbe', 'Öffentlich', 'Nebengebäude', 'Sonstiges'."""
    text = _code_text(code)
    prefix, _, number = text.rpartition("_")
    if prefix and prefix != "31001":
        return "Sonstiges"
    if not number.isdigit():
        return "Sonstiges"
    value = int(number)
    if number in ("2463", "2723", "1313", "2460", "2462", "2464", "2465"):
        return "Nebengebäude"
    if 1000 <= value < 2000 or number in ("2310", "2320", "3100"):
        return "Wohnen"
    if 2000 <= value < 3000:
        return "Gewerbe"
    if 3000 <= value < 4000:
        return "Öffentlich"
    return "Sonstiges"


# AdV generic attributes on the data sources of NRW LoD2 buildings.
DATA_SOURCE_ATTRIBUTES = {
    "DatenquelleDachhoehe": "Dachhöhe",
    "DatenquelleBodenhoehe": "Bodenhöhe",
    "DatenquelleLage": "Lage",
}
DATA_SOURCE_CODES = {
    "DatenquelleDachhoehe": {"1000": "Laserscanning", "2000": "Photogrammetrie"},
    "DatenquelleBodenhoehe": {"1100": "DGM"},
    "DatenquelleLage": {"1000": "ALKIS"},
}


def data_source_text(attributes):
    """One line naming the data sources given as AdV generic attributes ('' when none)."""
    parts = []
    for key, label in DATA_SOURCE_ATTRIBUTES.items():
        value = attributes.get(key)
        if value in (None, ""):
            continue
        value = _code_text(value)
        name = DATA_SOURCE_CODES.get(key, {}).get(value)
        parts.append(f"{label}: {name} ({value})" if name else f"{label}: {value}")
    if not parts:
        for key in ("data_source", "dataSource", "datenquelle", "Datenquelle"):
            if attributes.get(key):
                return str(attributes[key])
    return "; ".join(parts)
