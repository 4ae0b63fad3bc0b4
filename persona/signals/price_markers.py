"""How contacts talk about price in de, fr, es, pt, it and nl (English lives in price.py).

Three readings, as in English: price is not the concern (low), the price is acceptable with a
small ask (medium), pushing on price (high). Words that also mean something else are only
used in phrases ("caro"/"cher" is also "dear", "remise" also "handover").
"""

from __future__ import annotations

import re

_PRICE = r"(?:preis\w*|kosten|prix|co[ûu]t\w*|precio\w*|coste\w*|pre[çc]o\w*|custo\w*|prezz\w*|cost[oi]|prijs\w*)"
_GAP = r"[^.!?\n]{0,40}?"

LOW = re.compile(
    _PRICE
    + _GAP
    + r"\b(?:nicht|kein\w*|n'est pas|ne sont pas|pas|no es|no son|não é|nao e|non è|non e'|niet|geen)\b"
    + _GAP
    + r"(?:problem\w*|kriteri\w*|hauptkriterium|thema|entscheidend\w*|ausschlaggebend|rolle|priorit\w*|"
    r"souci|crit[èe]re|sujet|question|prioritaire|d[ée]terminant|factor\w*|criterio|decisivo|fator|crit[ée]rio|"
    r"fattore|priorità|decisiv\w*|probleem|belangrijk\w*|doorslaggevend)|"
    r"spielt (?:für uns )?keine (?:gro(?:ß|ss)e )?rolle|importe peu|no importa|não importa|nao importa|"
    r"non (?:conta|importa)|maakt (?:ons )?niet (?:zoveel |veel )?uit|"
    r"(?:qualität|zuverlässigkeit|qualit[ée]|fiabilit[ée]|calidad|fiabilidad|qualidade|confiabilidade|"
    r"qualità|affidabilità|kwaliteit|betrouwbaarheid)" + _GAP + r"(?:wichtiger|compte plus|plus important|"
    r"más importante|mais importante|più importante|belangrijker)|kein rabatt (?:nötig|notwendig)|"
    r"pas besoin (?:d'une|de) remise|no necesitamos (?:un )?descuento|não precisamos de desconto|"
    r"non serve (?:uno )?sconto|geen korting nodig"
)
MEDIUM = re.compile(
    _PRICE + _GAP + r"\b(?:ist|erscheint|scheint|est|nous semble|semble|es|parece|nos parece|é|è|ci sembra|sembra|"
    r"is|lijkt)\b" + _GAP + r"(?:in ordnung|akzeptabel|angemessen|fair|ok|okay|correct|raisonnable|acceptable|"
    r"aceptable|razonable|correcto|aceit[áa]vel|razo[áa]vel|justo|accettabile|ragionevole|corretto|giusto|"
    r"acceptabel|redelijk|prima|oké)\b"
)
HIGH = re.compile(
    r"zu teuer|rabatt|preisnachlass|nachlass|g[üu]nstiger|billiger|besseren preis|preis senken|"
    r"(?:über|ueber) (?:unserem|dem) budget|budget (?:ist )?(?:knapp|begrenzt|überschritten)|wettbewerber|"
    r"konkurrenz|verhandeln|"
    r"trop cher|plus cher|une remise|remise (?:suppl[ée]mentaire|importante|de \d)|rabais|moins cher|meilleur prix|"
    r"au-dessus de notre budget|d[ée]passe (?:largement )?notre budget|budget (?:serr[ée]|limit[ée])|"
    r"baisser (?:le|votre) prix|geste commercial|(?:un|le|nos|les|chez un) concurrents?|concurrence|n[ée]gocier|"
    r"demasiado caro|descuento|rebaja|m[áa]s barato|mejor precio|por encima de nuestro presupuesto|"
    r"supera (?:con creces )?nuestro presupuesto|presupuesto (?:ajustado|limitado)|bajar el precio|competidor(?:es)?|"
    r"negociar|"
    r"muito caro|caro demais|desconto|mais barato|melhor pre[çc]o|acima do nosso or[çc]amento|"
    r"or[çc]amento (?:apertado|limitado)|baixar o pre[çc]o|concorrente|concorr[êe]ncia|"
    r"troppo caro|sconto|pi[ùu] economico|prezzo migliore|miglior prezzo|(?:sopra|oltre) il nostro budget|"
    r"budget limitato|abbassare il prezzo|negoziare|concorrent[ei]|concorrenza|"
    r"te duur|korting|goedkoper|betere prijs|boven (?:ons|het) budget|budget is krap|prijs omlaag|"
    r"onderhandelen|concurrent(?:ie|en)"
)
PRICE_WORDS = (
    "preis",
    "kosten",
    "rabatt",
    "nachlass",
    "teuer",
    "günstig",
    "billig",
    "prix",
    "remise",
    "rabais",
    "cher",
    "coût",
    "precio",
    "descuento",
    "caro",
    "barato",
    "presupuesto",
    "preço",
    "preco",
    "desconto",
    "orçamento",
    "prezzo",
    "sconto",
    "economico",
    "prijs",
    "korting",
    "duur",
    "goedkop",
    "concorren",
    "concurren",
    "competidor",
    "konkurrenz",
    "wettbewerb",
    "negoci",
    "verhandeln",
    "onderhandel",
)
