"""Word lists the seed draws German merchant data from (all names and addresses are invented)."""

from __future__ import annotations

# fmt: off
FIRST_NAMES_FEMALE = (
    "Anna", "Lena", "Sophie", "Marie", "Julia", "Katharina", "Laura", "Sarah", "Lisa", "Hannah",
    "Petra", "Sabine", "Claudia", "Monika", "Ursula", "Birgit", "Heike", "Andrea", "Nicole", "Jana",
)
FIRST_NAMES_MALE = (
    "Lukas", "Jonas", "Felix", "Maximilian", "Paul", "Leon", "Tobias", "Florian", "Stefan", "Jan",
    "Thomas", "Michael", "Andreas", "Markus", "Jürgen", "Klaus", "Wolfgang", "Uwe", "Frank", "Dirk",
)
LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
    "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Friedrich", "Keller", "Günther",
)
STREETS = (
    "Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schulstraße", "Dorfstraße", "Bergstraße",
    "Lindenstraße", "Kirchstraße", "Waldstraße", "Ringstraße", "Goethestraße", "Schillerstraße",
    "Mühlenweg", "Am Markt", "Rosenweg", "Birkenallee", "Friedhofstraße", "Industriestraße",
    "Wiesenweg", "Kastanienallee",
)
CITIES_DE = (
    ("10115", "Berlin"), ("20095", "Hamburg"), ("80331", "München"), ("50667", "Köln"),
    ("60311", "Frankfurt am Main"), ("70173", "Stuttgart"), ("40213", "Düsseldorf"),
    ("04109", "Leipzig"), ("44135", "Dortmund"), ("45127", "Essen"), ("28195", "Bremen"),
    ("01067", "Dresden"), ("30159", "Hannover"), ("90402", "Nürnberg"), ("47051", "Duisburg"),
    ("44787", "Bochum"), ("42103", "Wuppertal"), ("33602", "Bielefeld"), ("53111", "Bonn"),
    ("48143", "Münster"), ("66424", "Homburg"), ("93047", "Regensburg"), ("97070", "Würzburg"),
    ("24103", "Kiel"), ("18055", "Rostock"), ("99084", "Erfurt"), ("39104", "Magdeburg"),
    ("86150", "Augsburg"), ("79098", "Freiburg im Breisgau"), ("55116", "Mainz"),
)
CITIES_AT = (("1010", "Wien"), ("8010", "Graz"), ("4020", "Linz"), ("5020", "Salzburg"))
CITIES_CH = (("8001", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern"))
COMPANY_SUFFIXES = ("GmbH", "KG", "GmbH & Co. KG", "e.K.", "AG", "OHG")
COMPANY_STEMS = (
    "Bürobedarf", "Getränkehandel", "Gastronomie", "Haustechnik", "Feinkost", "Handelshaus",
    "Eventservice", "Hotel", "Baumarkt", "Versand",
)
MANUFACTURERS = (
    "Nordwerk", "Alpina Manufaktur", "Rheintal Produkte", "Elbland", "Hanse Qualität",
    "Schwarzwald Werkstätten", "Bavaria Brau", "Ostsee Handel",
)
SUPPLIERS = (
    "Großhandel Nord GmbH", "Süd-Import KG", "Brauerei-Bedarf Franken", "Logistik Mitte GmbH",
)

CATALOGS: dict[str, tuple[tuple[str, str, float, float, tuple[str, ...]], ...]] = {
    "general": (
        ("BUE", "Bürobedarf", 19.0, 4.0, ("Kugelschreiber", "Notizblock A5", "Ordner breit",
                                         "Locher", "Hefter", "Briefablage", "Textmarker-Set")),
        ("HAU", "Haushalt", 19.0, 12.0, ("Thermobecher", "Küchenwaage", "Brotkasten",
                                         "Wasserkocher", "Messerblock", "Geschirrtuch-Set")),
        ("KAF", "Kaffee & Tee", 7.0, 6.5, ("Espressobohnen", "Filterkaffee gemahlen",
                                           "Grüner Tee", "Kräutertee", "Chai Latte Pulver")),
        ("BUC", "Bücher", 7.0, 14.0, ("Kochbuch Regional", "Reiseführer Ostsee",
                                      "Gartenratgeber", "Kinderbuch Tiere")),
        ("GAR", "Garten", 19.0, 18.0, ("Gartenschere", "Pflanzkübel", "Gießkanne",
                                       "Vogelhaus", "Saatgut-Mischung")),
    ),
    "brewery": (
        ("BIE", "Bier", 19.0, 1.8, ("Helles", "Pils", "Weißbier", "Dunkles", "Bockbier",
                                    "Kellerbier", "Radler", "Alkoholfreies Helles")),
        ("KIS", "Kisten & Fässer", 19.0, 18.0, ("Kasten 20x0,5l", "Fass 30l", "Fass 50l",
                                                "Partyfass 5l")),
        ("GLA", "Gläser & Zubehör", 19.0, 5.5, ("Bierkrug 1l", "Weizenglas", "Pilstulpe",
                                                "Bierdeckel 100 Stk.", "Flaschenöffner")),
        ("MER", "Merchandise", 19.0, 15.0, ("T-Shirt Logo", "Kappe", "Schürze", "Geschenkbox")),
        ("LEB", "Lebensmittel", 7.0, 4.5, ("Brezeln", "Biersenf", "Malzbonbons",
                                           "Hopfen-Tee")),
    ),
}
"""Per merchant type: (SKU prefix, product group, VAT rate, base net price, product names)."""

VARIANTS = ("", "Classic", "Premium", "Bio", "XL", "Mini", "Edition")
COMMENTS = (
    "", "", "", "Bitte vor 12 Uhr liefern.", "Rechnung per E-Mail.", "Geschenkverpackung",
    "Abholung im Lager", "Bei Nachbarn abgeben.",
)
# fmt: on
