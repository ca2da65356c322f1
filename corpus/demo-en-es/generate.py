#!/usr/bin/env python3
# SPDX-License-Identifier: CC0-1.0
"""Generate the nmt4j English-Spanish demo corpus (train.tsv, dev.tsv, test.tsv).

Written for the nmt4j project and dedicated to the public domain (CC0 1.0). No external corpus
is read: every sentence comes from the hand-written list below or from the small grammar in
this file. Standard library only.

    python3 corpus/demo-en-es/generate.py            # writes the three files next to this script
    python3 corpus/demo-en-es/generate.py --out DIR  # writes them somewhere else
    python3 corpus/demo-en-es/generate.py --stats    # also prints counts and word-type figures
    python3 corpus/demo-en-es/generate.py --dump     # prints every source with its frame

The output is a pure function of SEED and this file (no set iteration, no hash-dependent order),
so two runs give byte-identical files.

Spanish conventions: European Spanish vocabulary (coche, zumo, ordenador); subject pronouns
dropped for yo / tú / nosotros and kept for él / ella / usted / ellos / ellas; yes/no questions
put an explicit subject after the verb (¿Vive Ana en Madrid?). English "you" is rendered with
tú; some sentences add the usted form as a second reference, "they" may add ellas beside
ellos, and "I"/"we" with a gendered adjective or profession may add the feminine form.
"""

import argparse
import os
import random
import re
import sys

SEED = 20250611
DEV_LINES = 80
TEST_LINES = 80
DEV_MULTI_SOURCES = 10  # sources with two references in each of dev and test
MAX_EN_WORDS = 10
MIN_EN_WORDS = 3

# Sentences generated per frame (unique English sources). Together with the hand-written list
# these give about 1,060 pairs in all.
FRAME_QUOTA = {
    "action": 300,
    "daily": 40,
    "modal": 60,
    "like": 55,
    "ser_thing": 50,
    "profession": 30,
    "estar_person": 40,
    "estar_thing": 20,
    "feeling": 25,
    "age": 20,
    "location": 35,
    "where": 20,
    "there": 35,
    "imperative": 40,
    "exclaim": 15,
    "weather": 20,
}

# Probability that a "you" / "they" / gender-ambiguous subject is rendered with two references.
P_MULTI = 0.3

# ---------------------------------------------------------------------------------------------
# Hand-written pairs. A tuple with two Spanish sides is one English sentence with two valid
# translations (tu/usted, masculine/feminine, two common wordings).
# ---------------------------------------------------------------------------------------------
HANDWRITTEN = [
    ("Hello, how are you?", "Hola, ¿cómo estás?", "Hola, ¿cómo está usted?"),
    ("Good morning, everyone.", "Buenos días a todos."),
    ("Good afternoon, Ana.", "Buenas tardes, Ana."),
    ("Good night, Luis.", "Buenas noches, Luis."),
    ("Goodbye, see you tomorrow.", "Adiós, hasta mañana."),
    ("See you later.", "Hasta luego."),
    ("Thank you very much.", "Muchas gracias."),
    ("You are welcome.", "De nada."),
    ("Excuse me, please.", "Perdona, por favor.", "Perdone, por favor."),
    ("I am very sorry.", "Lo siento mucho."),
    ("I am fine, thank you.", "Estoy bien, gracias."),
    ("What is your name?", "¿Cómo te llamas?", "¿Cómo se llama usted?"),
    ("My name is Ana.", "Me llamo Ana."),
    ("My name is Luis.", "Me llamo Luis."),
    ("His name is Pablo.", "Él se llama Pablo."),
    ("Her name is María.", "Ella se llama María."),
    ("Nice to meet you.", "Mucho gusto."),
    ("Where are you from?", "¿De dónde eres?", "¿De dónde es usted?"),
    ("I am from Madrid.", "Soy de Madrid."),
    ("She is from London.", "Ella es de Londres."),
    ("We are from Mexico.", "Somos de México."),
    ("My parents are from Barcelona.", "Mis padres son de Barcelona."),
    ("Where do you live?", "¿Dónde vives?", "¿Dónde vive usted?"),
    ("How old are you?", "¿Cuántos años tienes?", "¿Cuántos años tiene usted?"),
    ("What time is it?", "¿Qué hora es?"),
    ("It is one o'clock.", "Es la una."),
    ("It is three o'clock.", "Son las tres."),
    ("It is ten o'clock.", "Son las diez."),
    ("What day is it today?", "¿Qué día es hoy?"),
    ("Today is Monday.", "Hoy es lunes."),
    ("Tomorrow is Saturday.", "Mañana es sábado."),
    ("Yesterday was Sunday.", "Ayer fue domingo."),
    ("I do not understand.", "No entiendo."),
    ("Can you help me?", "¿Puedes ayudarme?", "¿Puede ayudarme?"),
    ("Speak slowly, please.", "Habla despacio, por favor.", "Hable despacio, por favor."),
    ("How much is this shirt?", "¿Cuánto cuesta esta camisa?"),
    ("How much are these shoes?", "¿Cuánto cuestan estos zapatos?"),
    ("It is very expensive.", "Es muy caro."),
    ("The bill, please.", "La cuenta, por favor."),
    ("A coffee with milk, please.", "Un café con leche, por favor."),
    ("Two beers, please.", "Dos cervezas, por favor."),
    ("A glass of water, please.", "Un vaso de agua, por favor."),
    ("I would like a coffee.", "Quisiera un café.", "Me gustaría un café."),
    ("Where is the bathroom?", "¿Dónde está el baño?"),
    ("Is there a bank near here?", "¿Hay un banco cerca de aquí?"),
    ("The station is near here.", "La estación está cerca de aquí."),
    ("The museum is far from here.", "El museo está lejos de aquí."),
    ("Turn left at the station.", "Gira a la izquierda en la estación.",
     "Gire a la izquierda en la estación."),
    ("Turn right at the park.", "Gira a la derecha en el parque.",
     "Gire a la derecha en el parque."),
    ("It is raining in London.", "Está lloviendo en Londres."),
    ("It is snowing in the mountains.", "Está nevando en la montaña."),
    ("It rained a lot yesterday.", "Ayer llovió mucho."),
    ("What is the weather like?", "¿Qué tiempo hace?"),
    ("I love you very much.", "Te quiero mucho."),
    ("I miss my family.", "Echo de menos a mi familia."),
    ("Happy birthday, María!", "¡Feliz cumpleaños, María!"),
    ("Merry Christmas to everyone!", "¡Feliz Navidad a todos!"),
    ("Good luck tomorrow!", "¡Buena suerte mañana!"),
    ("Have a nice day!", "¡Que tengas un buen día!", "¡Que tenga un buen día!"),
    ("Welcome to our house!", "¡Bienvenido a nuestra casa!", "¡Bienvenida a nuestra casa!"),
    ("Be careful with the dog!", "¡Ten cuidado con el perro!", "¡Tenga cuidado con el perro!"),
    ("Come here, please.", "Ven aquí, por favor.", "Venga aquí, por favor."),
    ("Sit down, please.", "Siéntate, por favor.", "Siéntese, por favor."),
    ("Wait a moment, please.", "Espera un momento, por favor.", "Espere un momento, por favor."),
    ("Yes, of course.", "Sí, claro.", "Sí, por supuesto."),
    ("I do not know.", "No lo sé."),
    ("I think so too.", "Yo también lo creo."),
    ("No, thank you.", "No, gracias."),
    ("It does not matter.", "No importa."),
    ("What is this?", "¿Qué es esto?"),
    ("Who is that man?", "¿Quién es ese hombre?"),
    ("Who is that woman?", "¿Quién es esa mujer?"),
    ("She is my sister.", "Ella es mi hermana."),
    ("He is my father.", "Él es mi padre."),
    ("This is my house.", "Esta es mi casa."),
    ("This is my brother Pablo.", "Este es mi hermano Pablo."),
    ("What are you doing?", "¿Qué estás haciendo?", "¿Qué está haciendo usted?"),
    ("I am making dinner.", "Estoy haciendo la cena."),
    ("What do you want?", "¿Qué quieres?", "¿Qué quiere usted?"),
    ("What do you want to eat?", "¿Qué quieres comer?", "¿Qué quiere comer usted?"),
    ("Why are you sad?", "¿Por qué estás triste?", "¿Por qué está usted triste?"),
    ("Because I am very tired.", "Porque estoy muy cansado.", "Porque estoy muy cansada."),
    ("When does the train arrive?", "¿Cuándo llega el tren?"),
    ("The bus is late again.", "El autobús llega tarde otra vez."),
    ("How many brothers do you have?", "¿Cuántos hermanos tienes?",
     "¿Cuántos hermanos tiene usted?"),
    ("I have two brothers and a sister.", "Tengo dos hermanos y una hermana."),
    ("I cannot find my keys.", "No encuentro mis llaves."),
    ("Let's go to the beach!", "¡Vamos a la playa!"),
    ("Let's eat in the garden!", "¡Vamos a comer en el jardín!"),
    ("Dinner is ready.", "La cena está lista."),
    ("The food is very good.", "La comida está muy buena."),
    ("I like this city very much.", "Me gusta mucho esta ciudad."),
    ("I love this song!", "¡Me encanta esta canción!"),
    ("My favourite colour is blue.", "Mi color favorito es el azul."),
    ("What colour is your car?", "¿De qué color es tu coche?", "¿De qué color es su coche?"),
    ("Spanish is not difficult.", "El español no es difícil."),
    ("English is very easy.", "El inglés es muy fácil."),
    ("The shop is closed on Sundays.", "La tienda está cerrada los domingos."),
    ("The shop opens at ten.", "La tienda abre a las diez."),
    ("The film starts at nine.", "La película empieza a las nueve."),
    ("Nobody is at home.", "No hay nadie en casa."),
    ("Everything is fine.", "Todo está bien."),
    ("I need help, please.", "Necesito ayuda, por favor."),
    ("Call a doctor, please!", "¡Llama a un médico, por favor!",
     "¡Llame a un médico, por favor!"),
    ("I have a headache.", "Me duele la cabeza."),
    ("Are you ready?", "¿Estás listo?", "¿Estás lista?"),
    ("We are ready.", "Estamos listos."),
    ("Hurry up, the bus is here!", "¡Date prisa, el autobús está aquí!",
     "¡Dese prisa, el autobús está aquí!"),
    ("Do not worry.", "No te preocupes.", "No se preocupe."),
    ("That is a good idea!", "¡Es una buena idea!"),
    ("How beautiful the garden is!", "¡Qué bonito es el jardín!"),
    ("How cold it is!", "¡Qué frío hace!"),
    ("What a pity!", "¡Qué pena!"),
    ("Really? I do not believe it.", "¿De verdad? No me lo creo."),
    ("My brother is a very good cook.", "Mi hermano es muy buen cocinero."),
    ("Ana has a beautiful voice.", "Ana tiene una voz bonita."),
    ("The children are at school.", "Los niños están en la escuela."),
    ("My mother is at work.", "Mi madre está en el trabajo."),
    ("We are at home.", "Estamos en casa."),
    ("The shops are open today.", "Las tiendas están abiertas hoy."),
    ("I have a question.", "Tengo una pregunta."),
    ("Can I ask a question?", "¿Puedo hacer una pregunta?"),
    ("Can I open the window?", "¿Puedo abrir la ventana?"),
    ("Of course you can.", "Claro que puedes.", "Claro que puede."),
    ("I am learning Spanish at school.", "Estoy aprendiendo español en la escuela."),
    ("Ana speaks three languages.", "Ana habla tres idiomas."),
    ("My father does not speak English.", "Mi padre no habla inglés."),
    ("The coffee is too hot.", "El café está demasiado caliente."),
    ("This soup is very good.", "Esta sopa está muy buena."),
    ("I am not hungry now.", "Ahora no tengo hambre."),
    ("We have a lot of work.", "Tenemos mucho trabajo."),
    ("I have a lot of friends.", "Tengo muchos amigos."),
    ("There are many people in the park.", "Hay mucha gente en el parque."),
    ("The city is very beautiful at night.", "La ciudad es muy bonita por la noche."),
    ("My house is near the park.", "Mi casa está cerca del parque."),
    ("The bank is next to the station.", "El banco está al lado de la estación."),
    ("Luis is taller than Pablo.", "Luis es más alto que Pablo."),
    ("My sister is younger than me.", "Mi hermana es más joven que yo."),
    ("This car is cheaper than that car.", "Este coche es más barato que ese coche."),
    ("Summer is my favourite season.", "El verano es mi estación favorita."),
    ("I always drink coffee in the morning.", "Siempre bebo café por la mañana."),
    ("She never eats meat.", "Ella nunca come carne."),
    ("We sometimes go to the cinema.", "A veces vamos al cine."),
    ("What are you going to do tomorrow?", "¿Qué vas a hacer mañana?",
     "¿Qué va a hacer usted mañana?"),
    ("I am going to visit my grandmother.", "Voy a visitar a mi abuela."),
    ("Where did you buy that hat?", "¿Dónde compraste ese sombrero?",
     "¿Dónde compró usted ese sombrero?"),
    ("I bought it at the market.", "Lo compré en el mercado."),
    ("Who wants more cake?", "¿Quién quiere más pastel?"),
    ("The cat is sleeping on my bed.", "El gato está durmiendo en mi cama."),
    ("My dog likes to run on the beach.", "A mi perro le gusta correr en la playa."),
]

# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------
PERSONS = ("1s", "2s", "3s", "1p", "3p")
PI = {p: i for i, p in enumerate(PERSONS)}


class Noun:
    """A noun with English and Spanish singular/plural forms and Spanish gender."""

    def __init__(self, en, es, g, *, en_pl=None, es_pl=None, mass=False, plonly=False,
                 animate=False, el_fem=False):
        self.en_sg, self.es_sg, self.g = en, es, g
        self.en_pl = en_pl or (en + "s")
        self.es_pl = es_pl or (es + "s")
        self.mass, self.plonly, self.animate, self.el_fem = mass, plonly, animate, el_fem

    def en(self, pl):
        return self.en_pl if pl else self.en_sg

    def es(self, pl):
        return self.es_pl if pl else self.es_sg


def n(*a, **k):
    return Noun(*a, **k)


# Things
CAR = n("car", "coche", "m", es_pl="coches")
HOUSE = n("house", "casa", "f", en_pl="houses")
BOOK = n("book", "libro", "m")
TABLE = n("table", "mesa", "f")
CHAIR = n("chair", "silla", "f")
DOOR = n("door", "puerta", "f")
WINDOW = n("window", "ventana", "f")
SHIRT = n("shirt", "camisa", "f")
DRESS = n("dress", "vestido", "m", en_pl="dresses")
HAT = n("hat", "sombrero", "m")
SHOES = n("shoe", "zapato", "m", plonly=True)
KEYS = n("key", "llave", "f", plonly=True)
PHONE = n("phone", "teléfono", "m")
BICYCLE = n("bicycle", "bicicleta", "f")
BAG = n("bag", "bolso", "m")
BOX = n("box", "caja", "f", en_pl="boxes")
BALL = n("ball", "pelota", "f")
LETTER = n("letter", "carta", "f")
NEWSPAPER = n("newspaper", "periódico", "m")
SONG = n("song", "canción", "f", es_pl="canciones")
EMAIL = n("email", "correo", "m")
FLOWERS = n("flower", "flor", "f", es_pl="flores")
FILM = n("film", "película", "f")
ROOM = n("room", "habitación", "f", es_pl="habitaciones")
KITCHEN = n("kitchen", "cocina", "f", en_pl="kitchens")
GARDEN = n("garden", "jardín", "m", es_pl="jardines")
BATHROOM = n("bathroom", "baño", "m")
CLOTHES = n("clothes", "ropa", "f", mass=True)  # English plural, Spanish singular mass noun
DISHES = n("dish", "plato", "m", en_pl="dishes", plonly=True)
CITY = n("city", "ciudad", "f", en_pl="cities", es_pl="ciudades")
SHOP = n("shop", "tienda", "f")
PARTY = n("party", "fiesta", "f", en_pl="parties")
# Food and drink
BREAD = n("bread", "pan", "m", mass=True)
RICE = n("rice", "arroz", "m", mass=True)
FISH = n("fish", "pescado", "m", mass=True)
MEAT = n("meat", "carne", "f", mass=True)
SOUP = n("soup", "sopa", "f", mass=True)
CHEESE = n("cheese", "queso", "m", mass=True)
CHICKEN = n("chicken", "pollo", "m", mass=True)
FRUIT = n("fruit", "fruta", "f", mass=True)
CHOCOLATE = n("chocolate", "chocolate", "m", mass=True)
FOOD = n("food", "comida", "f", mass=True)
APPLE = n("apple", "manzana", "f")
ORANGE = n("orange", "naranja", "f")
EGG = n("egg", "huevo", "m")
CAKE = n("cake", "pastel", "m", es_pl="pasteles")
SALAD = n("salad", "ensalada", "f")
WATER = n("water", "agua", "f", mass=True, el_fem=True)
COFFEE = n("coffee", "café", "m", mass=True)
MILK = n("milk", "leche", "f", mass=True)
TEA = n("tea", "té", "m", mass=True)
JUICE = n("juice", "zumo", "m", mass=True)
WINE = n("wine", "vino", "m", mass=True)
BEER = n("beer", "cerveza", "f", mass=True)
MUSIC = n("music", "música", "f", mass=True)
# Animals
DOG = n("dog", "perro", "m", animate=True)
CAT = n("cat", "gato", "m", animate=True)
# People (used with determiners; always take the personal "a" as objects)
MOTHER = n("mother", "madre", "f", animate=True)
FATHER = n("father", "padre", "m", animate=True)
BROTHER = n("brother", "hermano", "m", animate=True)
SISTER = n("sister", "hermana", "f", animate=True)
GRANDMOTHER = n("grandmother", "abuela", "f", animate=True)
GRANDFATHER = n("grandfather", "abuelo", "m", animate=True)
SON = n("son", "hijo", "m", animate=True)
DAUGHTER = n("daughter", "hija", "f", animate=True)
FRIENDS = n("friend", "amigo", "m", animate=True, plonly=True)
PARENTS = n("parent", "padre", "m", animate=True, plonly=True)
GRANDPARENTS = n("grandparent", "abuelo", "m", animate=True, plonly=True)
CHILDREN = n("child", "niño", "m", en_pl="children", animate=True)
BOY = n("boy", "niño", "m", animate=True)
GIRL = n("girl", "niña", "f", animate=True)

RELATIVES = [MOTHER, FATHER, BROTHER, SISTER, GRANDMOTHER, GRANDFATHER, SON, DAUGHTER,
             FRIENDS, PARENTS, GRANDPARENTS]
NAMES = [("Ana", "f"), ("María", "f"), ("Elena", "f"),
         ("Luis", "m"), ("Pablo", "m"), ("Carlos", "m")]
CITIES = [("Madrid", "Madrid"), ("Barcelona", "Barcelona"), ("London", "Londres"),
          ("Paris", "París"), ("Mexico", "México")]
LANGUAGES = [("Spanish", "español"), ("English", "inglés"), ("French", "francés"),
             ("German", "alemán")]


class Adj:
    def __init__(self, en, ms, fs=None, mp=None, fp=None):
        self.en_w = en
        if fs is None:
            if ms.endswith("o"):
                fs, mp, fp = ms[:-1] + "a", ms + "s", ms[:-1] + "as"
            elif ms.endswith("e"):
                fs, mp, fp = ms, ms + "s", ms + "s"
            else:
                raise ValueError(ms)
        self.forms = {("m", False): ms, ("f", False): fs, ("m", True): mp, ("f", True): fp}

    def es(self, g, pl):
        return self.forms[(g, pl)]


A = {a.en_w: a for a in [
    Adj("red", "rojo"), Adj("white", "blanco"), Adj("black", "negro"),
    Adj("blue", "azul", "azul", "azules", "azules"), Adj("green", "verde"),
    Adj("yellow", "amarillo"), Adj("big", "grande"), Adj("small", "pequeño"),
    Adj("new", "nuevo"), Adj("old", "viejo"), Adj("beautiful", "bonito"),
    Adj("expensive", "caro"), Adj("cheap", "barato"), Adj("interesting", "interesante"),
    Adj("tall", "alto"), Adj("short", "bajo"),
    Adj("young", "joven", "joven", "jóvenes", "jóvenes"), Adj("nice", "simpático"),
    Adj("intelligent", "inteligente"),
    Adj("tired", "cansado"), Adj("happy", "contento"), Adj("sad", "triste"),
    Adj("sick", "enfermo"), Adj("busy", "ocupado"), Adj("ready", "listo"),
    Adj("angry", "enfadado"), Adj("bored", "aburrido"),
    Adj("clean", "limpio"), Adj("dirty", "sucio"), Adj("cold", "frío"),
    Adj("hot", "caliente"), Adj("open", "abierto"), Adj("closed", "cerrado"),
    Adj("full", "lleno"), Adj("empty", "vacío"),
]}
COLOURS = ["red", "white", "black", "blue", "green", "yellow"]
INVARIANT_GENDER = {"sad", "young", "intelligent", "big", "blue", "green", "interesting", "hot"}

# Which adjectives make sense with which nouns (attributive or with "ser").
THING_ADJ = {
    CAR: COLOURS[:4] + ["new", "old", "big", "small", "expensive", "cheap"],
    HOUSE: ["white", "big", "small", "new", "old", "beautiful", "expensive"],
    BOOK: ["new", "old", "interesting", "expensive", "red", "big"],
    SHIRT: COLOURS + ["new", "cheap", "expensive", "beautiful"],
    DRESS: COLOURS + ["new", "beautiful", "expensive"],
    HAT: COLOURS[:4] + ["new", "old", "big", "beautiful"],
    SHOES: COLOURS[:3] + ["new", "old", "expensive", "cheap", "beautiful"],
    BICYCLE: COLOURS + ["new", "old", "expensive"],
    BAG: COLOURS[:4] + ["new", "big", "small", "expensive"],
    TABLE: ["big", "small", "new", "old", "white"],
    CHAIR: ["small", "new", "old", "red", "blue"],
    PHONE: ["new", "old", "black", "expensive", "cheap"],
    FLOWERS: ["red", "white", "yellow", "beautiful"],
    DOOR: ["red", "green", "blue", "white", "big"],
    CITY: ["big", "small", "beautiful"],
    ROOM: ["big", "small", "beautiful"],
    GARDEN: ["big", "small", "beautiful"],
    DOG: ["big", "small", "black", "white"],
    CAT: ["black", "white", "small"],
    FILM: ["interesting", "old", "new"],
}


class Verb:
    """English forms plus Spanish present, preterite, future, gerund and imperatives."""

    def __init__(self, en, es, *, pres=None, pret=None, fut=None, past=None, ger=None,
                 imp=None, refl=False):
        self.base, self.s3, self.past_en, self.ing = en
        self.inf = es
        r = regular(es)
        self.pres = pres or r["pres"]
        self.pret = pret or r["pret"]
        self.fut = fut or r["fut"]
        self.past = past or self.pret  # the Spanish tense used for an English simple past
        self.ger = ger or r["ger"]
        # imperative: (tu affirmative, usted affirmative, tu negative without "no")
        self.imp = imp or r["imp"]
        self.refl = refl

    def es_form(self, tense, person):
        table = {"present": self.pres, "past": self.past, "future": self.fut}[tense]
        return table[PI[person]]


def regular(inf):
    stem, end = inf[:-2], inf[-2:]
    if end == "ar":
        pres = [stem + x for x in ("o", "as", "a", "amos", "an")]
        pret = [stem + x for x in ("é", "aste", "ó", "amos", "aron")]
        ger = stem + "ando"
        sub = subj_stem(stem)
        sub = [sub + "e", sub + "es"]
    else:
        pres = [stem + x for x in ("o", "es", "e", "emos" if end == "er" else "imos", "en")]
        pret = [stem + x for x in ("í", "iste", "ió", "imos", "ieron")]
        ger = stem + "iendo"
        sub = [stem + "a", stem + "as"]
    if end == "ar":
        if stem.endswith("c"):
            pret[0] = stem[:-1] + "qué"
        elif stem.endswith("g"):
            pret[0] = stem + "ué"
        elif stem.endswith("z"):
            pret[0] = stem[:-1] + "cé"
    fut = [inf + x for x in ("é", "ás", "á", "emos", "án")]
    return {"pres": pres, "pret": pret, "fut": fut, "ger": ger, "imp": (pres[2], sub[0], sub[1])}


def subj_stem(stem):
    if stem.endswith("c"):
        return stem[:-1] + "qu"
    if stem.endswith("g"):
        return stem + "u"
    if stem.endswith("z"):
        return stem[:-1] + "c"
    return stem


V = {}


def verb(key, en, es, **k):
    V[key] = Verb(en, es, **k)


verb("eat", ("eat", "eats", "ate", "eating"), "comer")
verb("drink", ("drink", "drinks", "drank", "drinking"), "beber")
verb("read", ("read", "reads", "read", "reading"), "leer",
     pret=["leí", "leíste", "leyó", "leímos", "leyeron"], ger="leyendo")
verb("write", ("write", "writes", "wrote", "writing"), "escribir")
verb("buy", ("buy", "buys", "bought", "buying"), "comprar")
verb("see", ("see", "sees", "saw", "seeing"), "ver",
     pres=["veo", "ves", "ve", "vemos", "ven"], pret=["vi", "viste", "vio", "vimos", "vieron"],
     ger="viendo")
verb("watch", ("watch", "watches", "watched", "watching"), "ver",
     pres=["veo", "ves", "ve", "vemos", "ven"], pret=["vi", "viste", "vio", "vimos", "vieron"],
     ger="viendo")
verb("have", ("have", "has", "had", "having"), "tener",
     pres=["tengo", "tienes", "tiene", "tenemos", "tienen"],
     pret=["tuve", "tuviste", "tuvo", "tuvimos", "tuvieron"],
     fut=["tendré", "tendrás", "tendrá", "tendremos", "tendrán"],
     past=["tenía", "tenías", "tenía", "teníamos", "tenían"], ger="teniendo")
verb("want", ("want", "wants", "wanted", "wanting"), "querer",
     pres=["quiero", "quieres", "quiere", "queremos", "quieren"],
     pret=["quise", "quisiste", "quiso", "quisimos", "quisieron"],
     fut=["querré", "querrás", "querrá", "querremos", "querrán"],
     past=["quería", "querías", "quería", "queríamos", "querían"])
verb("need", ("need", "needs", "needed", "needing"), "necesitar",
     past=["necesitaba", "necesitabas", "necesitaba", "necesitábamos", "necesitaban"])
verb("speak", ("speak", "speaks", "spoke", "speaking"), "hablar")
verb("live", ("live", "lives", "lived", "living"), "vivir")
verb("work", ("work", "works", "worked", "working"), "trabajar")
verb("study", ("study", "studies", "studied", "studying"), "estudiar")
verb("go", ("go", "goes", "went", "going"), "ir",
     pres=["voy", "vas", "va", "vamos", "van"], pret=["fui", "fuiste", "fue", "fuimos", "fueron"],
     ger="yendo", imp=("ve", "vaya", "vayas"))
verb("come", ("come", "comes", "came", "coming"), "venir",
     pres=["vengo", "vienes", "viene", "venimos", "vienen"],
     pret=["vine", "viniste", "vino", "vinimos", "vinieron"],
     fut=["vendré", "vendrás", "vendrá", "vendremos", "vendrán"], ger="viniendo",
     imp=("ven", "venga", "vengas"))
verb("arrive", ("arrive", "arrives", "arrived", "arriving"), "llegar")
verb("leave", ("leave", "leaves", "left", "leaving"), "salir",
     pres=["salgo", "sales", "sale", "salimos", "salen"],
     fut=["saldré", "saldrás", "saldrá", "saldremos", "saldrán"],
     imp=("sal", "salga", "salgas"))
verb("open", ("open", "opens", "opened", "opening"), "abrir")
verb("close", ("close", "closes", "closed", "closing"), "cerrar",
     pres=["cierro", "cierras", "cierra", "cerramos", "cierran"],
     imp=("cierra", "cierre", "cierres"))
verb("cook", ("cook", "cooks", "cooked", "cooking"), "cocinar")
verb("clean", ("clean", "cleans", "cleaned", "cleaning"), "limpiar")
verb("wash", ("wash", "washes", "washed", "washing"), "lavar")
verb("play", ("play", "plays", "played", "playing"), "jugar",
     pres=["juego", "juegas", "juega", "jugamos", "juegan"], imp=("juega", "juegue", "juegues"))
verb("swim", ("swim", "swims", "swam", "swimming"), "nadar")
verb("make", ("make", "makes", "made", "making"), "hacer",
     pres=["hago", "haces", "hace", "hacemos", "hacen"],
     pret=["hice", "hiciste", "hizo", "hicimos", "hicieron"],
     fut=["haré", "harás", "hará", "haremos", "harán"], imp=("haz", "haga", "hagas"))
verb("take", ("take", "takes", "took", "taking"), "tomar")
verb("wait", ("wait for", "waits for", "waited for", "waiting for"), "esperar")
verb("call", ("call", "calls", "called", "calling"), "llamar")
verb("help", ("help", "helps", "helped", "helping"), "ayudar")
verb("visit", ("visit", "visits", "visited", "visiting"), "visitar")
verb("lunch", ("have lunch", "has lunch", "had lunch", "having lunch"), "comer")
verb("dinner", ("have dinner", "has dinner", "had dinner", "having dinner"), "cenar")
verb("breakfast", ("have breakfast", "has breakfast", "had breakfast", "having breakfast"),
     "desayunar")
verb("getup", ("get up", "gets up", "got up", "getting up"), "levantar", refl=True)
verb("bed", ("go to bed", "goes to bed", "went to bed", "going to bed"), "acostar",
     pres=["acuesto", "acuestas", "acuesta", "acostamos", "acuestan"], refl=True)
verb("can", ("can", "can", "could", ""), "poder",
     pres=["puedo", "puedes", "puede", "podemos", "pueden"],
     pret=["pude", "pudiste", "pudo", "pudimos", "pudieron"],
     fut=["podré", "podrás", "podrá", "podremos", "podrán"])

SER = {"present": ["soy", "eres", "es", "somos", "son"],
       "past": ["era", "eras", "era", "éramos", "eran"],
       "future": ["seré", "serás", "será", "seremos", "serán"]}
ESTAR = {"present": ["estoy", "estás", "está", "estamos", "están"],
         "past": ["estaba", "estabas", "estaba", "estábamos", "estaban"],
         "future": ["estaré", "estarás", "estará", "estaremos", "estarán"]}
REFL = ["me", "te", "se", "nos", "se"]
IO_CLITIC = ["me", "te", "le", "nos", "les"]

NUMBERS = [("two", "dos"), ("three", "tres"), ("four", "cuatro"), ("five", "cinco"),
           ("six", "seis"), ("seven", "siete"), ("eight", "ocho"), ("nine", "nueve"),
           ("ten", "diez")]
CLOCK = [("one", "a la una")] + [(e, "a las " + s) for e, s in NUMBERS]
AGES = [("two", "dos"), ("five", "cinco"), ("seven", "siete"), ("ten", "diez"),
        ("twenty", "veinte"), ("thirty", "treinta"), ("forty", "cuarenta"),
        ("seventy", "setenta"), ("eighty", "ochenta")]
DAYS = [("Monday", "lunes", "lunes"), ("Friday", "viernes", "viernes"),
        ("Saturday", "sábado", "sábados"),
        ("Sunday", "domingo", "domingos")]

# Time adverbials per tense: (English, Spanish). Days are added below.
TIMES = {
    "present": [("every day", "todos los días"), ("in the morning", "por la mañana"),
                ("at night", "por la noche"), ("on weekends", "los fines de semana")],
    "past": [("yesterday", "ayer"), ("last week", "la semana pasada"),
             ("last night", "anoche"), ("last year", "el año pasado")],
    "future": [("tomorrow", "mañana"), ("next week", "la semana que viene"),
               ("tonight", "esta noche"), ("next year", "el año que viene")],
    "progressive": [("now", "ahora")],
}
for _en, _sg, _pl in DAYS:
    TIMES["present"].append(("on " + _en + "s", "los " + _pl))
    TIMES["past"].append(("on " + _en, "el " + _sg))
    TIMES["future"].append(("on " + _en, "el " + _sg))

# Places: key -> (English "to", Spanish "to", English "at", Spanish "at")
PLACES = {
    "park": ("to the park", "al parque", "in the park", "en el parque"),
    "school": ("to school", "a la escuela", "at school", "en la escuela"),
    "beach": ("to the beach", "a la playa", "on the beach", "en la playa"),
    "market": ("to the market", "al mercado", "at the market", "en el mercado"),
    "cinema": ("to the cinema", "al cine", "at the cinema", "en el cine"),
    "library": ("to the library", "a la biblioteca", "in the library", "en la biblioteca"),
    "work": ("to work", "al trabajo", "at work", "en el trabajo"),
    "home": ("home", "a casa", "at home", "en casa"),
    "restaurant": ("to a restaurant", "a un restaurante", "in a restaurant", "en un restaurante"),
    "hospital": ("to the hospital", "al hospital", "in a hospital", "en un hospital"),
    "bank": ("to the bank", "al banco", "in a bank", "en un banco"),
    "office": ("to the office", "a la oficina", "in an office", "en una oficina"),
    "station": ("to the station", "a la estación", "at the station", "en la estación"),
    "museum": ("to the museum", "al museo", "in the museum", "en el museo"),
    "party": ("to the party", "a la fiesta", "at the party", "en la fiesta"),
    "supermarket": ("to the supermarket", "al supermercado", "at the supermarket",
                    "en el supermercado"),
    "kitchen": (None, None, "in the kitchen", "en la cocina"),
    "garden": (None, None, "in the garden", "en el jardín"),
    "sea": (None, None, "in the sea", "en el mar"),
    "pool": ("to the pool", "a la piscina", "in the pool", "en la piscina"),
    "bedroom": (None, None, "in my room", "en mi habitación"),
}
for _en, _es in CITIES:
    PLACES[_en] = ("to " + _en, "a " + _es, "in " + _en, "en " + _es)
CITY_KEYS = [c for c, _ in CITIES]

COMPANIONS = [("with my sister", "con mi hermana"), ("with my brother", "con mi hermano"),
              ("with Ana", "con Ana"), ("with Luis", "con Luis"),
              ("with my friends", "con mis amigos"), ("with the children", "con los niños"),
              ("with my parents", "con mis padres"), ("with my mother", "con mi madre")]


# ---------------------------------------------------------------------------------------------
# Subjects
# ---------------------------------------------------------------------------------------------
class Subj:
    """One Spanish realisation of an English subject."""

    def __init__(self, en, person, es=None, g="m", en_agr=None, poss_en=None, usted=False,
                 pronoun=False, a_phrase=None):
        self.en = en                  # "I", "you", "my mother", "Ana"
        self.person = person          # Spanish person for verb agreement
        self.es = es                  # explicit Spanish subject (None = dropped)
        self.g = g
        self.pl = person in ("1p", "3p")
        self.en_agr = en_agr or person  # English agreement: 1s, 2s, 3s, 1p, 3p
        self.poss_en = poss_en
        self.usted = usted
        self.pronoun = pronoun        # explicit Spanish subject is a pronoun (question order)
        self.a_phrase = a_phrase      # "a ella" for gustar-type verbs; None when dropped

    def es_poss(self, noun, pl):
        """Spanish possessive determiner of this subject for a noun."""
        if self.person == "1s":
            return "mis" if pl else "mi"
        if self.person == "2s":
            return "tus" if pl else "tu"
        if self.person == "1p":
            return "nuestr" + ("o" if noun.g == "m" else "a") + ("s" if pl else "")
        return "sus" if pl else "su"


def subj_pron(key, rng, allow_multi=True, gendered=False):
    """Realisations (one or two) of a pronoun subject."""
    multi = allow_multi and rng.random() < P_MULTI
    if key == "I":
        out = [Subj("I", "1s", g="m", poss_en="my")]
        if gendered and multi:
            out.append(Subj("I", "1s", g="f", poss_en="my"))
        return out
    if key == "you":
        tu = Subj("you", "2s", poss_en="your", en_agr="2s")
        ud = Subj("you", "3s", es="usted", poss_en="your", en_agr="2s", usted=True,
                  pronoun=True, a_phrase="a usted")
        return [tu, ud] if multi else [tu]
    if key == "he":
        return [Subj("he", "3s", es="él", g="m", poss_en="his", pronoun=True, a_phrase="a él")]
    if key == "she":
        return [Subj("she", "3s", es="ella", g="f", poss_en="her", pronoun=True,
                     a_phrase="a ella")]
    if key == "we":
        out = [Subj("we", "1p", g="m", poss_en="our")]
        if gendered and multi:
            out.append(Subj("we", "1p", g="f", poss_en="our"))
        return out
    if key == "they":
        m = Subj("they", "3p", es="ellos", g="m", poss_en="their", pronoun=True,
                 a_phrase="a ellos")
        f = Subj("they", "3p", es="ellas", g="f", poss_en="their", pronoun=True,
                 a_phrase="a ellas")
        return [m, f] if multi else [m]
    raise KeyError(key)


SUBJECT_NPS = [  # English, Spanish, gender, plural
    ("my mother", "mi madre", "f", False), ("my father", "mi padre", "m", False),
    ("my brother", "mi hermano", "m", False), ("my sister", "mi hermana", "f", False),
    ("my grandmother", "mi abuela", "f", False), ("my parents", "mis padres", "m", True),
    ("my friends", "mis amigos", "m", True), ("the children", "los niños", "m", True),
    ("the boy", "el niño", "m", False), ("the girl", "la niña", "f", False),
    ("our neighbours", "nuestros vecinos", "m", True), ("my son", "mi hijo", "m", False),
    ("my daughter", "mi hija", "f", False),
]


def subj_np(rng):
    en, es, g, pl = rng.choice(SUBJECT_NPS)
    return [Subj(en, "3p" if pl else "3s", es=es, g=g,
                 poss_en=("their" if pl else ("his" if g == "m" else "her")), a_phrase="a " + es)]


def subj_name(rng):
    name, g = rng.choice(NAMES)
    return [Subj(name, "3s", es=name, g=g, poss_en="his" if g == "m" else "her",
                 a_phrase="a " + name)]


def pick_subject(rng, *, gendered=False, allow_multi=True):
    r = rng.random()
    if r < 0.62:
        keys = ["I", "you", "he", "she", "we", "they"]
        return subj_pron(rng.choice(keys), rng, allow_multi, gendered)
    if r < 0.82:
        return subj_name(rng)
    return subj_np(rng)


# ---------------------------------------------------------------------------------------------
# Noun phrases
# ---------------------------------------------------------------------------------------------
def an(word):
    return "an" if word[0] in "aeiou" else "a"


def es_article(kind, noun, pl):
    g = noun.g
    if kind == "a":
        if noun.el_fem and not pl:
            return "un"
        return ("unos" if g == "m" else "unas") if pl else ("un" if g == "m" else "una")
    if kind == "the":
        if noun.el_fem and not pl:
            return "el"
        return ("los" if g == "m" else "las") if pl else ("el" if g == "m" else "la")
    if kind == "this":
        return ("estos" if g == "m" else "estas") if pl else ("este" if g == "m" else "esta")
    if kind == "that":
        return ("esos" if g == "m" else "esas") if pl else ("ese" if g == "m" else "esa")
    raise KeyError(kind)


class NP:
    """A noun phrase choice; render() gives (English, Spanish) for one subject realisation.

    det: 'a', 'the', 'this', 'that', 'my', 'poss' (the subject's own), 'your', 'bare',
         ('num', en, es), ('of', en, es) (Ana's car -> el coche de Ana)
    """

    def __init__(self, noun, det, pl=False, adj=None, personal_a=False):
        self.noun, self.det, self.pl, self.adj, self.personal_a = noun, det, pl, adj, personal_a

    def render(self, s, *, drop_indefinite=False):
        nn, pl, det = self.noun, self.pl, self.det
        en_n = nn.en(pl)
        es_n = nn.es(pl)
        if nn is CLOTHES:
            en_n, es_n = "clothes", "ropa"
        en_core = en_n
        es_core = es_n
        if self.adj:
            a = A[self.adj]
            en_core = self.adj + " " + en_n
            es_core = es_n + " " + a.es(nn.g, pl)
        if det == "a":
            en = an(en_core) + " " + en_core
            es = es_core if drop_indefinite else es_article("a", nn, pl) + " " + es_core
        elif det in ("the", "this", "that"):
            en_det = det if det == "the" else (
                {"this": "these", "that": "those"}[det] if pl and nn is not CLOTHES else det)
            en = en_det + " " + en_core
            es = es_article(det, nn, pl) + " " + es_core
        elif det == "my":
            en = "my " + en_core
            es = ("mis " if pl else "mi ") + es_core
        elif det == "poss":
            en = s.poss_en + " " + en_core
            es = s.es_poss(nn, pl) + " " + es_core
        elif det == "your":
            en = "your " + en_core
            # with a "you" subject (or an imperative) follow its register, else the tu form
            es = (s.es_poss(nn, pl) if s.en == "you" else ("tus" if pl else "tu")) + " " + es_core
        elif det == "bare":
            en, es = en_core, es_core
        elif det[0] == "num":
            en = det[1] + " " + en_core
            es = det[2] + " " + es_core
        elif det[0] == "of":
            en = det[1] + "'s " + en_core
            es = es_article("the", nn, pl) + " " + es_core + " de " + det[2]
        else:
            raise KeyError(det)
        if self.personal_a:
            es = "a " + es
        return en, es


def np_choice(rng, noun, dets, *, adj_p=0.0, personal_a=False, pl_p=0.25, nums=NUMBERS[:3]):
    det = rng.choice(dets)
    if noun.mass:
        pl = False
        if det in ("a", "num"):
            det = "bare"
    elif noun.plonly:
        pl = True
        if det == "a" or (det == "num" and noun is not KEYS):  # not "four shoes"
            det = "the"
    elif det in ("num", "bare"):
        pl = True
    elif det == "a":
        pl = False
    else:
        pl = rng.random() < pl_p
    if det == "num":
        det = ("num",) + rng.choice(nums)
    if det == "of":
        nm = rng.choice(NAMES)[0]
        det = ("of", nm, nm)
    adj = None
    if noun in THING_ADJ and rng.random() < adj_p:
        adj = rng.choice(THING_ADJ[noun])
    if det == "a" and pl:
        det = "bare"
    return NP(noun, det, pl, adj, personal_a)


def person_obj(rng):
    """A person as a direct object (takes the personal 'a' in Spanish)."""
    r = rng.random()
    if r < 0.3:
        nm = rng.choice(NAMES)[0]
        return Fixed(nm, "a " + nm)
    noun = rng.choice(RELATIVES)
    det = rng.choice(["my", "my", "poss", "your"] if not noun.plonly else ["my", "poss"])
    pl = noun.plonly
    return NP(noun, det, pl, None, personal_a=True)


class Fixed:
    """A complement with fixed English and Spanish text."""

    def __init__(self, en, es):
        self.en_s, self.es_s = en, es

    def render(self, s, **_):
        return self.en_s, self.es_s


class Seq:
    """Several complements in a row."""

    def __init__(self, *parts):
        self.parts = [p for p in parts if p is not None]

    def render(self, s, **k):
        en, es = [], []
        for i, p in enumerate(self.parts):
            e, x = p.render(s, **(k if i == 0 else {}))
            en.append(e)
            es.append(x)
        return " ".join(en), " ".join(es)


def place(key, kind):
    to_en, to_es, at_en, at_es = PLACES[key]
    return Fixed(to_en, to_es) if kind == "to" else Fixed(at_en, at_es)


def rplace(rng, keys, kind="at"):
    return place(rng.choice(keys), kind)


def companion(rng):
    return Fixed(*rng.choice(COMPANIONS))


# ---------------------------------------------------------------------------------------------
# Verb phrases: for each verb, a function that draws a complement (or None) and the tenses
# it is used in. "times": whether time adverbials fit.
# ---------------------------------------------------------------------------------------------
ALL_TENSES = ("present", "past", "future", "progressive")
FOOD_MASS = [BREAD, RICE, FISH, MEAT, SOUP, CHEESE, CHICKEN, FRUIT, CHOCOLATE]
FOOD_COUNT = [APPLE, ORANGE, EGG, CAKE, SALAD]
DRINKS = [WATER, COFFEE, MILK, TEA, JUICE, WINE, BEER]
BUYABLE = [CAR, BOOK, SHIRT, DRESS, HAT, SHOES, BICYCLE, BAG, PHONE, FLOWERS, TABLE, CHAIR]


def vp_eat(rng):
    if rng.random() < 0.5:
        c = np_choice(rng, rng.choice(FOOD_MASS), ["bare", "bare", "the"])
    else:
        c = np_choice(rng, rng.choice(FOOD_COUNT), ["a", "the", "num", "bare"])
    return Seq(c, opt(rng, 0.3, lambda: rplace(rng, ["home", "kitchen", "restaurant", "garden",
                                                      "school"])))


def vp_drink(rng):
    return np_choice(rng, rng.choice(DRINKS), ["bare", "bare", "the"])


def vp_read(rng):
    c = np_choice(rng, rng.choice([BOOK, NEWSPAPER, LETTER]),
                  ["a", "the", "my", "poss", "this"], adj_p=0.2)
    return Seq(c, opt(rng, 0.3, lambda: rplace(rng, ["park", "library", "garden", "home"])))


def vp_write(rng):
    c = np_choice(rng, rng.choice([LETTER, EMAIL, BOOK, SONG]), ["a", "a", "num"])
    return Seq(c, opt(rng, 0.3, lambda: Fixed(*rng.choice(
        [("to my mother", "a mi madre"), ("to Ana", "a Ana"), ("to my friends", "a mis amigos"),
         ("to my father", "a mi padre")]))))


def vp_buy(rng):
    if rng.random() < 0.25:
        c = np_choice(rng, rng.choice(FOOD_MASS + FOOD_COUNT), ["bare", "a", "num"])
        shops = ["market", "supermarket"]
    else:
        c = np_choice(rng, rng.choice(BUYABLE), ["a", "a", "the", "this", "that", "num"],
                      adj_p=0.45)
        shops = CITY_KEYS
    return Seq(c, opt(rng, 0.25, lambda: rplace(rng, shops)))


def vp_see(rng):
    if rng.random() < 0.45:
        return Seq(person_obj(rng), opt(rng, 0.3, lambda: rplace(
            rng, ["park", "market", "station", "party", "cinema"])))
    c = np_choice(rng, rng.choice([DOG, CAT]), ["a", "num"], adj_p=0.3)
    return Seq(c, opt(rng, 0.6, lambda: rplace(rng, ["park", "garden", "beach"])))


def vp_watch(rng):
    return rng.choice([Fixed("television", "la televisión"), Fixed("a film", "una película"),
                       Fixed("the film", "la película"), Fixed("the news", "las noticias"),
                       Fixed("football", "el fútbol")])


def vp_have(rng):
    r = rng.random()
    if r < 0.4:
        c = np_choice(rng, rng.choice([DOG, CAT]), ["a", "num"], adj_p=0.3)
    elif r < 0.7:
        c = np_choice(rng, rng.choice([CAR, HOUSE, BICYCLE, PHONE, GARDEN]),
                      ["a"], adj_p=0.5)
    else:
        c = np_choice(rng, rng.choice([BROTHER, SISTER, SON, DAUGHTER]), ["a", "num"])
    return c


def vp_want(rng):
    if rng.random() < 0.4:
        return np_choice(rng, rng.choice(DRINKS + [CAKE, APPLE, SALAD]), ["a", "bare"])
    return np_choice(rng, rng.choice(BUYABLE + [DOG, CAT]), ["a", "a", "this", "that"],
                     adj_p=0.5)


def vp_need(rng):
    if rng.random() < 0.3:
        return rng.choice([Fixed("help", "ayuda"), Fixed("money", "dinero"),
                           Fixed("a doctor", "un médico"), Fixed("a taxi", "un taxi")])
    return np_choice(rng, rng.choice(BUYABLE + [KEYS]), ["a", "poss", "a"], adj_p=0.4)


def vp_speak(rng):
    r = rng.random()
    if r < 0.6:
        e, s = rng.choice(LANGUAGES)
        return Seq(Fixed(e, s), opt(rng, 0.25, lambda: rplace(rng, ["home", "work", "school"])))
    obj = person_obj(rng)
    if isinstance(obj, Fixed):
        return Fixed("with " + obj.en_s, "con " + obj.es_s[2:])
    return WithNP(obj)


class WithNP:
    """'with' + a person NP: drops the personal 'a' and uses 'con'."""

    def __init__(self, np):
        self.np = NP(np.noun, np.det, np.pl, np.adj, personal_a=False)

    def render(self, s, **_):
        e, x = self.np.render(s)
        return "with " + e, "con " + x


def vp_live(rng):
    r = rng.random()
    if r < 0.55:
        return place(rng.choice(CITY_KEYS), "at")
    if r < 0.8:
        return Fixed(*rng.choice([("in a big house", "en una casa grande"),
                                  ("in a small house", "en una casa pequeña"),
                                  ("in a white house", "en una casa blanca"),
                                  ("in a beautiful city", "en una ciudad bonita"),
                                  ("near the park", "cerca del parque"),
                                  ("near the station", "cerca de la estación"),
                                  ("near the beach", "cerca de la playa")]))
    return companion(rng)


def vp_work(rng):
    return Seq(rplace(rng, ["home", "hospital", "bank", "office", "restaurant", "school",
                            "supermarket", "market"] + CITY_KEYS[:3]))


def vp_study(rng):
    r = rng.random()
    if r < 0.5:
        e, s = rng.choice(LANGUAGES)
        return Seq(Fixed(e, s), opt(rng, 0.3, lambda: rplace(rng, ["library", "home", "school"])))
    if r < 0.75:
        return Fixed("music", "música")
    return Seq(rplace(rng, ["library", "home", "school"]),
               opt(rng, 0.3, lambda: companion(rng)))


def vp_go(rng):
    p = rplace(rng, ["park", "school", "beach", "market", "cinema", "library", "work", "home",
                     "restaurant", "hospital", "bank", "office", "station", "museum", "party",
                     "supermarket", "pool"] + CITY_KEYS, "to")
    return Seq(p, opt(rng, 0.3, lambda: companion(rng)))


def vp_come(rng):
    return Seq(rplace(rng, ["home", "party", "park", "beach"] + CITY_KEYS[:4], "to"),
               opt(rng, 0.3, lambda: companion(rng)))


def vp_open(rng):
    return np_choice(rng, rng.choice([DOOR, WINDOW, BOX, BOOK, LETTER, BAG]),
                     ["the", "the", "poss", "this"])


def vp_close(rng):
    return np_choice(rng, rng.choice([DOOR, WINDOW, BOX, BOOK, BAG]), ["the", "the", "poss"])


def vp_cook(rng):
    c = np_choice(rng, rng.choice([RICE, FISH, MEAT, SOUP, CHICKEN, EGG]), ["bare", "the"])
    return Seq(c, opt(rng, 0.3, lambda: companion(rng)))


def vp_clean(rng):
    return np_choice(rng, rng.choice([HOUSE, KITCHEN, ROOM, CAR, BATHROOM, TABLE, GARDEN]),
                     ["the", "poss", "the"], pl_p=0.0)


def vp_wash(rng):
    r = rng.random()
    if r < 0.35:
        return np_choice(rng, CLOTHES, ["the"])
    if r < 0.6:
        return np_choice(rng, DISHES, ["the"])
    return np_choice(rng, rng.choice([CAR, SHIRT, DRESS]), ["the", "poss"])


def vp_play(rng):
    r = rng.random()
    if r < 0.6:
        c = Fixed(*rng.choice([("football", "al fútbol"), ("tennis", "al tenis")]))
        return Seq(c, opt(rng, 0.4, lambda: rplace(rng, ["park", "school", "beach", "garden"])))
    return Seq(companion(rng), opt(rng, 0.4, lambda: rplace(rng, ["park", "garden", "beach"])))


def vp_swim(rng):
    return Seq(rplace(rng, ["sea", "pool", "beach"]), opt(rng, 0.3, lambda: companion(rng)))


def vp_make(rng):
    return Fixed(*rng.choice([("a cake", "un pastel"), ("coffee", "café"),
                              ("the bed", "la cama"), ("dinner", "la cena"),
                              ("a salad", "una ensalada"), ("tea", "té"),
                              ("the soup", "la sopa")]))


def vp_take(rng):
    return Fixed(*rng.choice([("the bus", "el autobús"), ("the train", "el tren"),
                              ("a taxi", "un taxi")]))


def vp_wait(rng):
    if rng.random() < 0.5:
        return Seq(Fixed(*rng.choice([("the bus", "el autobús"), ("the train", "el tren"),
                                      ("a taxi", "un taxi")])),
                   opt(rng, 0.3, lambda: Fixed("at the station", "en la estación")))
    return person_obj(rng)


def vp_person(rng):
    return person_obj(rng)


def vp_visit(rng):
    r = rng.random()
    if r < 0.5:
        return person_obj(rng)
    if r < 0.8:
        c, s = rng.choice(CITIES)
        return Fixed(c, s)
    return Fixed(*rng.choice([("the museum", "el museo"), ("the city", "la ciudad"),
                              ("the market", "el mercado")]))


def clock(*hours):
    """'at seven' / 'a las siete' for the given English hour words."""
    return [(("at " + e), s) for e, s in CLOCK if e in hours]


# Sensible clock times for the daily routine verbs.
DAILY_CLOCK = {
    "breakfast": clock("seven", "eight", "nine"), "lunch": clock("one", "two", "three"),
    "dinner": clock("eight", "nine", "ten"), "getup": clock("six", "seven", "eight"),
    "bed": clock("nine", "ten"), "arrive": clock("five", "six", "seven"),
    "leave": clock("seven", "eight", "nine"),
}


def vp_meal_for(key):
    def f(rng):
        return rng.choice([Fixed(*rng.choice(DAILY_CLOCK[key])),
                           rplace(rng, ["home", "restaurant", "garden", "kitchen"]),
                           companion(rng)])
    return f


def vp_clock_for(key):
    def f(rng):
        return Fixed(*rng.choice(DAILY_CLOCK[key] + [("early", "temprano"), ("late", "tarde")]))
    return f


def opt(rng, p, f):
    return f() if rng.random() < p else None


# verb key -> (complement function, tenses, time adverbials fit, weight)
ACTIONS = {
    "eat": (vp_eat, ALL_TENSES, True, 6), "drink": (vp_drink, ALL_TENSES, True, 5),
    "read": (vp_read, ALL_TENSES, True, 4), "write": (vp_write, ALL_TENSES, True, 3),
    "buy": (vp_buy, ("past", "future", "progressive"), True, 6),
    "see": (vp_see, ("past", "future"), True, 2),
    "watch": (vp_watch, ALL_TENSES, True, 3), "have": (vp_have, ("present", "past"), False, 5),
    "want": (vp_want, ("present", "past"), False, 4),
    "need": (vp_need, ("present", "past"), False, 2), "speak": (vp_speak, ALL_TENSES, False, 4),
    "live": (vp_live, ("present", "past"), False, 4), "work": (vp_work, ALL_TENSES, True, 4),
    "study": (vp_study, ALL_TENSES, True, 3),
    "go": (vp_go, ("present", "past", "future"), True, 6),
    "come": (vp_come, ("past", "future"), True, 3),
    "open": (vp_open, ("past", "future"), False, 2),
    "close": (vp_close, ("past", "future"), False, 2),
    "cook": (vp_cook, ALL_TENSES, True, 3), "clean": (vp_clean, ALL_TENSES, True, 3),
    "wash": (vp_wash, ALL_TENSES, True, 2), "play": (vp_play, ALL_TENSES, True, 3),
    "swim": (vp_swim, ALL_TENSES, True, 2), "make": (vp_make, ALL_TENSES, True, 2),
    "take": (vp_take, ("present", "past", "future"), True, 2),
    "wait": (vp_wait, ALL_TENSES, False, 2), "call": (vp_person, ("past", "future"), True, 3),
    "help": (vp_person, ("present", "past", "future"), False, 2),
    "visit": (vp_visit, ("past", "future"), True, 3),
}
DAILY = {
    "lunch": vp_meal_for("lunch"), "dinner": vp_meal_for("dinner"),
    "breakfast": vp_meal_for("breakfast"), "getup": vp_clock_for("getup"),
    "bed": vp_clock_for("bed"),
    "arrive": lambda rng: rng.choice([
        Seq(Fixed("home", "a casa"), Fixed(*rng.choice(DAILY_CLOCK["arrive"]))),
        Seq(Fixed(*rng.choice([("at work", "al trabajo"), ("at school", "a la escuela")])),
            Fixed(*rng.choice(clock("eight", "nine"))))]),
    "leave": lambda rng: Seq(Fixed(*rng.choice([("home", "de casa"), ("work", "del trabajo")])),
                             Fixed(*rng.choice(DAILY_CLOCK["leave"]))),
}


# ---------------------------------------------------------------------------------------------
# Sentence assembly
# ---------------------------------------------------------------------------------------------
def cap(s):
    """Capitalise the first letter (after an opening ¿ or ¡)."""
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + ch.upper() + s[i + 1:]
    return s


def tidy_es(s):
    s = re.sub(r"\ba el\b", "al", s)
    s = re.sub(r"\bde el\b", "del", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def finish(en, es, mood):
    """mood: '.', '?', '!'"""
    en = re.sub(r"\s+", " ", en).strip()
    es = tidy_es(es)
    if mood == "?":
        return cap(en) + "?", "¿" + cap(es) + "?"
    if mood == "!":
        return cap(en) + "!", "¡" + cap(es) + "!"
    return cap(en) + ".", cap(es) + "."


def en_be(agr, tense, neg):
    if tense in ("present", "progressive"):
        f = {"1s": "am", "3s": "is"}.get(agr, "are")
        if neg:
            return "am not" if f == "am" else f + "n't"
        return f
    if tense == "past":
        f = "was" if agr in ("1s", "3s") else "were"
        return f + "n't" if neg else f
    return "won't be" if neg else "will be"


def en_clause(s, v, tense, polarity, q, rest):
    """English for subject + verb (+ rest). v is a Verb, rest the complement text."""
    subj = s.en
    neg = polarity == "neg"
    if tense == "progressive":
        be = en_be(s.en_agr, "present", neg)
        if q:
            return f"{cap(be)} {subj} {v.ing} {rest}"
        return f"{subj} {be} {v.ing} {rest}"
    if tense == "future":
        if q:
            return f"Will {subj} {v.base} {rest}"
        return f"{subj} {'won’t' if neg else 'will'} {v.base} {rest}".replace("’", "'")
    if tense == "past":
        if q:
            return f"Did {subj} {v.base} {rest}"
        return f"{subj} didn't {v.base} {rest}" if neg else f"{subj} {v.past_en} {rest}"
    third = s.en_agr == "3s"
    if q:
        return f"{'Does' if third else 'Do'} {subj} {v.base} {rest}"
    if neg:
        return f"{subj} {'doesn' if third else 'don'}'t {v.base} {rest}"
    return f"{subj} {v.s3 if third else v.base} {rest}"


def es_clause(s, v, tense, polarity, q, rest):
    """Spanish for subject + verb (+ rest); questions put an explicit subject after the verb."""
    if tense == "progressive":
        est = ESTAR["present"][PI[s.person]]
        if q and s.es:
            return " ".join(x for x in [est, s.es, v.ger, rest] if x)
        vf = est + " " + v.ger
    else:
        vf = v.es_form(tense, s.person)
    if v.refl:
        vf = REFL[PI[s.person]] + " " + vf
    if polarity == "neg":
        vf = "no " + vf
    if q:
        return " ".join(x for x in [vf, s.es, rest] if x)
    return " ".join(x for x in [s.es, vf, rest] if x)


def realise(subjs, build):
    """Run build(s) -> (en, es) for each subject realisation; English must agree."""
    ens, ess = [], []
    for s in subjs:
        en, es = build(s)
        ens.append(en)
        if es not in ess:
            ess.append(es)
    assert all(e == ens[0] for e in ens), ens
    return ens[0], ess


def choose_tense_etc(rng, tenses, subjs):
    tense = rng.choice(tenses)
    polarity = "neg" if rng.random() < 0.25 else "pos"
    q = rng.random() < 0.22
    if q:
        polarity = "pos"
        if subjs[0].en == "I":  # "Do I ...?" is rarely what people say
            q = False
    return tense, polarity, q


YEAR_OK = {"go", "visit", "work", "study", "buy", "come", "see"}


def frame_action(rng):
    key = weighted_key(rng, ACTIONS)
    fn, tenses, timed, _ = ACTIONS[key]
    v = V[key]
    subjs = pick_subject(rng)
    tense, pol, q = choose_tense_etc(rng, tenses, subjs=subjs)
    if subjs[0].en == "we":
        q = False
    comp = fn(rng)
    time = None
    # English "read" is the same word in present and past ("I read a book"): add a time
    # adverbial that settles the tense.
    read_clash = (key == "read" and tense in ("present", "past") and pol == "pos" and not q
                  and subjs[0].en_agr != "3s")
    if (timed and rng.random() < 0.45) or read_clash:
        time = rng.choice([t for t in TIMES[tense] if key in YEAR_OK or "year" not in t[0]])
    # "I don't have a car" -> "No tengo coche" (no indefinite article after negated tener)
    drop = (key == "have" and pol == "neg" and isinstance(comp, NP) and comp.det == "a"
            and comp.adj is None)
    return clause(subjs, v, tense, pol, q, comp, time, drop_indef=drop)


def frame_daily(rng):
    key = rng.choice(sorted(DAILY))
    v = V[key]
    subjs = pick_subject(rng)
    tense, pol, q = choose_tense_etc(rng, ("present", "past", "future"), subjs=subjs)
    comp = DAILY[key](rng)
    time = None
    if rng.random() < 0.4:
        # no weekend days with going to work or school
        time = rng.choice(DAILY_TIMES[tense][:1] if key in ("arrive", "leave")
                          else DAILY_TIMES[tense])
    return clause(subjs, v, tense, pol, q, comp, time)


DAILY_TIMES = {"present": [("every day", "todos los días"), ("on Sundays", "los domingos"),
                           ("on Saturdays", "los sábados")],
               "past": [("yesterday", "ayer"), ("on Sunday", "el domingo"),
                        ("on Saturday", "el sábado")],
               "future": [("tomorrow", "mañana"), ("on Sunday", "el domingo"),
                          ("on Saturday", "el sábado")]}


def clause(subjs, v, tense, pol, q, comp, time, drop_indef=False):
    def build(s):
        ce, cs = comp.render(s, drop_indefinite=drop_indef) if comp else ("", "")
        te, ts = time if time else ("", "")
        en = en_clause(s, v, tense, pol, q, (ce + " " + te).strip())
        es = es_clause(s, v, tense, pol, q, (cs + " " + ts).strip())
        return finish(en, es, "?" if q else ".")
    return realise(subjs, build)


def weighted_key(rng, table):
    keys = list(table)
    weights = [table[k][3] for k in keys]
    return rng.choices(keys, weights)[0]


def frame_modal(rng):
    modal = rng.choice(["want", "can", "have_to", "going_to"])
    key = rng.choice([k for k in ACTIONS if k not in ("have", "want", "need")])
    fn = ACTIONS[key][0]
    v = V[key]
    subjs = pick_subject(rng)
    neg = rng.random() < 0.25
    q = (not neg) and rng.random() < 0.3 and subjs[0].en != "I"
    comp = fn(rng)
    time = None
    if modal in ("want", "going_to", "have_to") and ACTIONS[key][2] and rng.random() < 0.4:
        time = rng.choice([t for t in TIMES["future"][:4] if key in YEAR_OK or "year" not in t[0]])

    def build(s):
        ce, cs = comp.render(s) if comp else ("", "")
        te, ts = time if time else ("", "")
        part = ""
        rest_en = " ".join(x for x in [v.base, ce, te] if x)
        rest_es = " ".join(x for x in [v.inf + ("se" if v.refl else ""), cs, ts] if x)
        p = PI[s.person]
        if modal == "want":
            en = en_clause(s, V["want"], "present", "neg" if neg else "pos", q, "to " + rest_en)
            es_v = V["want"].pres[p]
        elif modal == "can":
            if q:
                en = f"Can {s.en} {rest_en}"
            else:
                en = f"{s.en} {'can’t' if neg else 'can'} {rest_en}".replace("’", "'")
            es_v = V["can"].pres[p]
        elif modal == "have_to":
            en = en_clause(s, Verb(("have", "has", "had", ""), "tener"), "present",
                           "neg" if neg else "pos", q, "to " + rest_en)
            es_v, part = ["tengo", "tienes", "tiene", "tenemos", "tienen"][p], "que"
        else:
            be = en_be(s.en_agr, "present", neg)
            en = f"{cap(be)} {s.en} going to {rest_en}" if q else \
                f"{s.en} {be} going to {rest_en}"
            es_v, part = V["go"].pres[p], "a"
        if neg:
            es_v = "no " + es_v
        # "¿Tiene el niño que ...?", "¿Va ella a ...?": the subject goes before que / a
        if q:
            es = " ".join(x for x in [es_v, s.es, part, rest_es] if x)
        else:
            es = " ".join(x for x in [s.es, es_v, part, rest_es] if x)
        return finish(en, es, "?" if q else ".")
    return realise(subjs, build)


LIKE_GENERIC = [COFFEE, TEA, MILK, CHOCOLATE, FISH, MEAT, CHEESE, FRUIT, MUSIC, WINE, BEER,
                DOG, CAT, APPLE, ORANGE, FLOWERS]
LIKE_SPECIFIC = [FILM, CAKE, BOOK, PARTY, CITY, FOOD, SOUP, SONG, HOUSE, GARDEN, DRESS,
                 HAT]
LIKE_PLACES = [("the beach", "la playa", False), ("the sea", "el mar", False),
               ("football", "el fútbol", False), ("summer", "el verano", False),
               ("winter", "el invierno", False), ("Madrid", "Madrid", False),
               ("London", "Londres", False), ("the cinema", "el cine", False)]
LIKE_ACTS = [("to dance", "bailar"), ("to sing", "cantar"), ("to read", "leer"),
             ("to cook", "cocinar"), ("to swim", "nadar"), ("to play football", "jugar al fútbol"),
             ("to get up early", "levantarse temprano")]


def frame_like(rng):
    subjs = pick_subject(rng)
    r = rng.random()
    tense = "present"
    if r < 0.45:
        noun = rng.choice(LIKE_GENERIC)
        pl = not noun.mass
        en_o, es_o = noun.en(pl), es_article("the", noun, pl) + " " + noun.es(pl)
    elif r < 0.75:
        noun = rng.choice(LIKE_SPECIFIC)
        pl = False
        det = rng.choice(["the", "the", "this"])
        o = NP(noun, det, pl)
        en_o = es_o = None
        tense = rng.choice(["present", "past", "past", "future"])
    elif r < 0.87:
        en_o, es_o, pl = rng.choice(LIKE_PLACES)
    else:
        en_o, es_o = rng.choice(LIKE_ACTS)
        pl = False
    neg = rng.random() < 0.3
    q = (not neg) and rng.random() < 0.25 and subjs[0].en not in ("I", "we")

    def build(s):
        if en_o is None:
            eo, so = o.render(s)
        else:
            eo, so = en_o, es_o
        v_en = Verb(("like", "likes", "liked", ""), "gustar")
        en = en_clause(s, v_en, tense, "neg" if neg else "pos", q, eo)
        form = {"present": ("gusta", "gustan"), "past": ("gustó", "gustaron"),
                "future": ("gustará", "gustarán")}[tense][1 if pl else 0]
        cl = IO_CLITIC[PI[s.person]] if not s.usted else "le"
        core = ("no " if neg else "") + cl + " " + form
        parts = [s.a_phrase, core, so] if s.a_phrase else [core, so]
        return finish(en, " ".join(parts), "?" if q else ".")
    return realise(subjs, build)


def frame_ser_thing(rng):
    noun = rng.choice(list(THING_ADJ))
    if noun.animate:
        det = rng.choice(["the", "my", "of"])
    else:
        det = rng.choice(["the", "the", "my", "this", "that", "of", "your"])
    pl = noun.plonly or (rng.random() < 0.25 and noun is not CITY)
    if det == "of":
        nm = rng.choice(NAMES)[0]
        det = ("of", nm, nm)
    adj = rng.choice(THING_ADJ[noun])
    very = adj not in COLOURS + ["new"] and rng.random() < 0.3
    tense = rng.choice(["present", "present", "past"]) if adj not in COLOURS else "present"
    neg = rng.random() < 0.2
    q = (not neg) and rng.random() < 0.25
    subjs = subj_pron("you", rng) if det == "your" else [Subj("-", "3s")]
    np = NP(noun, det, pl)

    def build(s):
        en_np, es_np = np.render(s)
        a = ("very " if very else "") + adj
        sa = ("muy " if very else "") + A[adj].es(noun.g, pl)
        agr = "3p" if pl else "3s"
        if q:
            be = en_be(agr, tense, False)
            en = f"{be} {en_np} {a}" if tense != "future" else f"Will {en_np} be {a}"
        else:
            en = f"{en_np} {en_be(agr, tense, neg)} {a}"
        vf = SER[tense][4 if pl else 2]
        if neg:
            vf = "no " + vf
        es = f"{vf} {sa} {es_np}" if q else f"{es_np} {vf} {sa}"
        return finish(en, es, "?" if q else ".")
    return realise(subjs, build)


PROFESSIONS = [  # English, (m sg, f sg, m pl, f pl)
    ("doctor", ("médico", "médica", "médicos", "médicas")),
    ("teacher", ("profesor", "profesora", "profesores", "profesoras")),
    ("nurse", ("enfermero", "enfermera", "enfermeros", "enfermeras")),
    ("student", ("estudiante", "estudiante", "estudiantes", "estudiantes")),
    ("cook", ("cocinero", "cocinera", "cocineros", "cocineras")),
    ("engineer", ("ingeniero", "ingeniera", "ingenieros", "ingenieras")),
]


def frame_profession(rng):
    subjs = pick_subject(rng, gendered=True)
    while subjs[0].en in ("the boy", "the girl", "the children"):
        subjs = subj_name(rng)
    prof, forms = rng.choice(PROFESSIONS)
    tense = rng.choice(["present", "present", "past", "future"])
    neg = rng.random() < 0.2
    q = (not neg) and rng.random() < 0.2 and subjs[0].en not in ("I", "we")

    def build(s):
        pl = s.pl
        en_p = prof + "s" if pl else an(prof) + " " + prof
        if q:
            en = (f"Will {s.en} be {en_p}" if tense == "future"
                  else f"{en_be(s.en_agr, tense, False)} {s.en} {en_p}")
        else:
            en = f"{s.en} {en_be(s.en_agr, tense, neg)} {en_p}"
        es_p = forms[(2 if pl else 0) + (1 if s.g == "f" else 0)]
        vf = ("no " if neg else "") + SER[tense][PI[s.person]]
        es = " ".join(x for x in ([vf, s.es, es_p] if q else [s.es, vf, es_p]) if x)
        return finish(en, es, "?" if q else ".")
    return realise(subjs, build)


STATE_ADJ = ["tired", "happy", "sad", "sick", "busy", "ready"]


def frame_estar_person(rng):
    adj = rng.choice(STATE_ADJ)
    subjs = pick_subject(rng, gendered=True)
    if subjs[0].en == "you" and adj not in INVARIANT_GENDER:
        subjs = subjs[:1]  # tu/usted with a gendered adjective would need four references
    tense = rng.choice(["present", "present", "past", "future"])
    very = rng.random() < 0.25 and adj not in ("ready", "sick")
    neg = rng.random() < 0.2
    q = (not neg) and rng.random() < 0.25 and subjs[0].en not in ("I", "we")
    time = rng.choice(TIMES[tense][:3] + [("", "")] * 3) if tense != "present" else \
        rng.choice([("today", "hoy"), ("", ""), ("", "")])

    def build(s):
        a = ("very " if very else "") + adj
        sa = ("muy " if very else "") + A[adj].es(s.g, s.pl)
        if q:
            en = (f"Will {s.en} be {a}" if tense == "future"
                  else f"{en_be(s.en_agr, tense, False)} {s.en} {a}")
        else:
            en = f"{s.en} {en_be(s.en_agr, tense, neg)} {a}"
        vf = ("no " if neg else "") + ESTAR[tense][PI[s.person]]
        if q:
            es = " ".join(x for x in ([vf, s.es, sa] if s.pronoun or not s.es else
                                      [vf, sa, s.es]) if x)
        else:
            es = " ".join(x for x in [s.es, vf, sa] if x)
        return finish(en + " " + time[0], es + " " + time[1], "?" if q else ".")
    return realise(subjs, build)


ESTAR_THINGS = [(SOUP, ["cold", "hot"]), (COFFEE, ["cold", "hot"]), (TEA, ["cold", "hot"]),
                (DOOR, ["open", "closed"]), (WINDOW, ["open", "closed"]),
                (SHOP, ["open", "closed"]), (BOX, ["full", "empty"]),
                (KITCHEN, ["clean", "dirty"]), (ROOM, ["clean", "dirty"]),
                (CAR, ["clean", "dirty"]), (BATHROOM, ["clean", "dirty"]),
                (SHIRT, ["clean", "dirty"]), (SHOES, ["clean", "dirty"]),
                (HOUSE, ["clean", "dirty"]), (BAG, ["full", "empty"])]


def frame_estar_thing(rng):
    noun, adjs = rng.choice(ESTAR_THINGS)
    adj = rng.choice(adjs)
    det = rng.choice(["the", "the", "my"] if not noun.mass else ["the", "the", "this"])
    rooms = (HOUSE, KITCHEN, ROOM, BATHROOM, SHOP)
    if noun in rooms:
        det = "the"
    pl = noun.plonly or (not noun.mass and noun not in rooms and rng.random() < 0.2)
    tense = rng.choice(["present", "present", "past"])
    neg = rng.random() < 0.2
    q = (not neg) and rng.random() < 0.25
    np = NP(noun, det, pl)
    very = adj in ("cold", "hot", "dirty", "clean") and rng.random() < 0.3

    def build(s):
        en_np, es_np = np.render(s)
        a = ("very " if very else "") + adj
        sa = ("muy " if very else "") + A[adj].es(noun.g, pl)
        agr = "3p" if pl else "3s"
        en = f"{en_be(agr, tense, False)} {en_np} {a}" if q else \
            f"{en_np} {en_be(agr, tense, neg)} {a}"
        vf = ("no " if neg else "") + ESTAR[tense][4 if pl else 2]
        es = f"{vf} {sa} {es_np}" if q else f"{es_np} {vf} {sa}"
        return finish(en, es, "?" if q else ".")
    return realise([Subj("-", "3s")], build)


FEELINGS = [("hungry", "hambre", "mucha"), ("thirsty", "sed", "mucha"),
            ("cold", "frío", "mucho"), ("hot", "calor", "mucho"), ("sleepy", "sueño", "mucho")]


def frame_feeling(rng):
    subjs = pick_subject(rng)
    en_a, es_n, much = rng.choice(FEELINGS)
    tense = rng.choice(["present", "present", "past", "future"])
    very = rng.random() < 0.3
    neg = (not very) and rng.random() < 0.25
    q = (not neg) and (not very) and rng.random() < 0.3 and subjs[0].en not in ("I", "we")
    time = ("", "")
    if tense != "present" and rng.random() < 0.4:
        time = rng.choice(TIMES[tense][:3])
    have = V["have"]

    def build(s):
        a = ("very " if very else "") + en_a
        if q:
            en = (f"Will {s.en} be {a}" if tense == "future"
                  else f"{en_be(s.en_agr, tense, False)} {s.en} {a}")
        else:
            en = f"{s.en} {en_be(s.en_agr, tense, neg)} {a}"
        vf = ("no " if neg else "") + have.es_form(tense, s.person)
        obj = (much + " " if very else "") + es_n
        es = " ".join(x for x in ([vf, s.es, obj] if q else [s.es, vf, obj]) if x)
        return finish(en + " " + time[0], es + " " + time[1], "?" if q else ".")
    return realise(subjs, build)


def frame_age(rng):
    r = rng.random()
    if r < 0.35:
        subjs = subj_pron(rng.choice(["I", "he", "she", "you"]), rng)
        age = rng.choice(AGES)
    elif r < 0.7:
        subjs = subj_name(rng)
        age = rng.choice(AGES)
    else:
        en, es, g = rng.choice([("my grandmother", "mi abuela", "f"),
                                ("my grandfather", "mi abuelo", "m"),
                                ("my son", "mi hijo", "m"), ("my daughter", "mi hija", "f"),
                                ("my brother", "mi hermano", "m"),
                                ("my sister", "mi hermana", "f"), ("the dog", "el perro", "m"),
                                ("the cat", "el gato", "m")])
        subjs = [Subj(en, "3s", es=es, g=g)]
        if "grand" in en:
            age = rng.choice(AGES[-2:])
        elif en.startswith("the"):
            age = rng.choice(AGES[:4])
        else:
            age = rng.choice(AGES)
    past = rng.random() < 0.15

    def build(s):
        years = "year" if age[0] == "one" else "years"
        en = f"{s.en} {en_be(s.en_agr, 'past' if past else 'present', False)} " \
             f"{age[0]} {years} old"
        vf = V["have"].es_form("past" if past else "present", s.person)
        es = " ".join(x for x in [s.es, vf, age[1], "años"] if x)
        return finish(en, es, ".")
    return realise(subjs, build)


SMALL_THINGS = [KEYS, BOOK, PHONE, BAG, BALL, LETTER, SHOES, HAT, BOX]
LOC_FOR_SMALL = [("on the table", "en la mesa"), ("on the bed", "en la cama"),
                 ("on the chair", "en la silla"), ("on the floor", "en el suelo"),
                 ("in the box", "en la caja"), ("in the kitchen", "en la cocina"),
                 ("in the car", "en el coche"), ("in my bag", "en mi bolso"),
                 ("under the table", "debajo de la mesa"), ("under the bed", "debajo de la cama"),
                 ("near the door", "cerca de la puerta"), ("near the window",
                                                          "cerca de la ventana")]
LOC_FOR_ANIMATE = [("in the garden", "en el jardín"), ("in the kitchen", "en la cocina"),
                   ("in the car", "en el coche"), ("in the park", "en el parque"),
                   ("under the table", "debajo de la mesa"), ("on the bed", "en la cama"),
                   ("near the door", "cerca de la puerta"), ("at home", "en casa"),
                   ("at school", "en la escuela"), ("on the beach", "en la playa"),
                   ("in the garden with Ana", "en el jardín con Ana")]


def locatable(rng):
    if rng.random() < 0.55:
        noun = rng.choice(SMALL_THINGS)
        np = np_choice(rng, noun, ["the", "the", "my", "poss_fixed"])
        locs = LOC_FOR_SMALL
        if noun in (BOX,):
            locs = [x for x in locs if "box" not in x[0] and "bag" not in x[0]]
    else:
        noun = rng.choice([DOG, CAT, CHILDREN, BOY, GIRL, MOTHER, FATHER, SISTER, BROTHER])
        dets = ["the"] if noun in (CHILDREN, BOY, GIRL) else ["the", "my"]
        if noun in (MOTHER, FATHER, SISTER, BROTHER):
            dets = ["my"]
        np = np_choice(rng, noun, dets)
        np.pl = noun is CHILDREN
        locs = [x for x in LOC_FOR_ANIMATE
                if not (noun in (MOTHER, FATHER, SISTER, BROTHER, CHILDREN, BOY, GIRL)
                        and x[0] in ("under the table", "on the bed"))]
    if np.det == "poss_fixed":
        np.det = rng.choice(["my", "the"])
    locs = [x for x in locs if noun.en_sg not in x[0]]
    return np, locs


def frame_location(rng):
    np, locs = locatable(rng)
    loc = rng.choice(locs)
    tense = rng.choice(["present", "present", "past"])
    q = rng.random() < 0.3
    neg = (not q) and rng.random() < 0.2

    def build(s):
        en_np, es_np = np.render(s)
        agr = "3p" if np.pl else "3s"
        vf = ("no " if neg else "") + ESTAR[tense][4 if np.pl else 2]
        if q:
            en = f"{en_be(agr, tense, False)} {en_np} {loc[0]}"
            es = f"{vf} {es_np} {loc[1]}"
        else:
            en = f"{en_np} {en_be(agr, tense, neg)} {loc[0]}"
            es = f"{es_np} {vf} {loc[1]}"
        return finish(en, es, "?" if q else ".")
    return realise([Subj("-", "3s")], build)


def frame_where(rng):
    np, _ = locatable(rng)
    tense = rng.choice(["present", "present", "past"])
    subjs = [Subj("-", "3s")]
    if rng.random() < 0.25 and np.det == "my":
        np.det = "your"
        subjs = subj_pron("you", rng)

    def build(s):
        en_np, es_np = np.render(s)
        agr = "3p" if np.pl else "3s"
        en = f"where {en_be(agr, tense, False)} {en_np}"
        es = f"dónde {ESTAR[tense][4 if np.pl else 2]} {es_np}"
        return finish(en, es, "?")
    return realise(subjs, build)


def frame_there(rng):
    r = rng.random()
    if r < 0.35:
        noun = rng.choice([DOG, CAT, BOY, GIRL])
        locs = [("in the garden", "en el jardín"), ("in the park", "en el parque"),
                ("in the street", "en la calle"), ("near the door", "cerca de la puerta")]
        if noun in (DOG, CAT):
            locs += [("on the bed", "en la cama"), ("under the table", "debajo de la mesa"),
                     ("in the kitchen", "en la cocina")]
        np = np_choice(rng, noun, ["a", "a", "num"], adj_p=0.3)
    elif r < 0.7:
        noun = rng.choice(SMALL_THINGS + [FLOWERS])
        locs = [x for x in LOC_FOR_SMALL if noun.en_sg not in x[0]]
        if noun is FLOWERS:
            locs = [("on the table", "en la mesa"), ("in the kitchen", "en la cocina"),
                    ("near the window", "cerca de la ventana"), ("in the garden", "en el jardín")]
        np = np_choice(rng, noun, ["a", "a", "num", "bare"], adj_p=0.25, nums=NUMBERS[:5])
    else:
        noun = rng.choice([BREAD, MILK, COFFEE, WATER, CHEESE, FRUIT, APPLE, EGG, WINE, BEER,
                           CAKE])
        locs = [("in the kitchen", "en la cocina"), ("on the table", "en la mesa"),
                ("at home", "en casa")]
        np = np_choice(rng, noun, ["bare", "num", "a"], nums=NUMBERS[:5])
    if np.det == "the":  # plural-only nouns come back with "the"; existentials are indefinite
        np.det = "bare"
    if noun is SHOES and np.det != "bare":  # "three shoes" is odd; "shoes" is fine
        np.det = "bare"
    if np.det == "bare" and not np.pl and not noun.mass:
        np.det = "a"
    loc = rng.choice(locs)
    tense = rng.choice(["present", "present", "past", "future"])
    q = rng.random() < 0.2
    # "There is no X": only with mass nouns and bare plurals, in the present or past.
    neg = (not q) and tense != "future" and np.det == "bare" and rng.random() < 0.5
    pl = np.pl

    def build(s):
        en_np, es_np = np.render(s)
        be = {"present": "are" if pl else "is", "past": "were" if pl else "was"}.get(tense)
        hay = {"present": "hay", "past": "había", "future": "habrá"}[tense]
        if q:
            en = f"Will there be {en_np} {loc[0]}" if tense == "future" else \
                f"{be} there {en_np} {loc[0]}"
        elif neg:
            en = f"there {be} no {en_np} {loc[0]}"
        else:
            en = f"there will be {en_np} {loc[0]}" if tense == "future" else \
                f"there {be} {en_np} {loc[0]}"
        es = f"{'no ' if neg else ''}{hay} {es_np} {loc[1]}"
        return finish(en, es, "?" if q else ".")
    return realise([Subj("-", "3s")], build)


IMPERATIVES = {  # verb key -> complement function
    "open": vp_open, "close": vp_close,
    "eat": lambda r: np_choice(r, r.choice(FOOD_MASS + FOOD_COUNT), ["the", "bare"]),
    "drink": vp_drink, "read": vp_read, "write": vp_write, "wait": vp_wait,
    "call": vp_person, "help": vp_person, "clean": vp_clean, "wash": vp_wash,
    "buy": vp_buy, "take": vp_take,
    "come": vp_come, "speak": lambda r: Fixed(*r.choice(LANGUAGES)),
    "make": vp_make,
}


def frame_imperative(rng):
    key = rng.choice(sorted(IMPERATIVES))
    v = V[key]
    comp = IMPERATIVES[key](rng)
    subjs = subj_pron("you", rng)
    neg = rng.random() < 0.3
    please = (not neg) and rng.random() < 0.4
    excl = (not please) and rng.random() < 0.6

    def build(s):
        ce, cs = comp.render(s)
        tu, ud, neg_tu = v.imp
        if neg:
            vf = "no " + (ud if s.usted else neg_tu)
            en = f"don't {v.base} {ce}"
        else:
            vf = ud if s.usted else tu
            en = f"{v.base} {ce}"
        es = f"{vf} {cs}"
        if please:
            en, es = f"please {en}", f"por favor, {es}"
        return finish(en, es, "!" if excl else ".")
    return realise(subjs, build)


def frame_exclaim(rng):
    noun = rng.choice([n_ for n_ in THING_ADJ if n_ not in (FILM,)])
    adj = rng.choice([a for a in THING_ADJ[noun] if a not in COLOURS + ["new"]])
    pl = noun.plonly or rng.random() < 0.25

    def build(s):
        en = f"what {'' if pl else an(adj) + ' '}{adj} {noun.en(pl)}"
        es = f"qué {noun.es(pl)} tan {A[adj].es(noun.g, pl)}"
        return finish(en, es, "!")
    return realise([Subj("-", "3s")], build)


WEATHER = [("cold", "frío"), ("hot", "calor"), ("sunny", "sol"), ("windy", "viento")]


def frame_weather(rng):
    en_w, es_w = rng.choice(WEATHER)
    tense = rng.choice(["present", "past", "future"])
    very = en_w in ("cold", "hot", "windy") and rng.random() < 0.35
    neg = rng.random() < 0.2
    q = (not neg) and rng.random() < 0.2
    when = {"present": [("today", "hoy"), ("in winter", "en invierno"),
                        ("in summer", "en verano")],
            "past": [("yesterday", "ayer"), ("last week", "la semana pasada")],
            "future": [("tomorrow", "mañana"), ("on Saturday", "el sábado")]}[tense]
    if tense == "present":  # cold and wind in winter, heat and sun in summer
        when = [w for w in when if w[0] == "today" or
                (w[0] == "in winter") == (en_w in ("cold", "windy"))]
    t = rng.choice(when)
    where = rng.choice([("", "")] * 3 + [(f"in {c}", f"en {s}") for c, s in CITIES])

    def build(s):
        w = ("very " if very else "") + en_w
        sw = ("mucho " if very else "") + es_w
        be = {"present": "is", "past": "was"}.get(tense)
        if q:
            en = f"Will it be {w} {where[0]} {t[0]}" if tense == "future" else \
                f"{be} it {w} {where[0]} {t[0]}"
        elif tense == "future":
            en = f"it {'won’t' if neg else 'will'} be {w} {where[0]} {t[0]}".replace("’", "'")
        else:
            en = f"it {be}{'n’t' if neg else ''} {w} {where[0]} {t[0]}".replace("’", "'")
        hace = {"present": "hace", "past": "hizo", "future": "hará"}[tense]
        if q:
            es = f"{hace} {sw} {where[1]} {t[1]}"
        else:
            es = f"{t[1]} {'no ' if neg else ''}{hace} {sw} {where[1]}"
        return finish(en, es, "?" if q else ".")
    return realise([Subj("-", "3s")], build)


FRAMES = {
    "action": frame_action, "daily": frame_daily, "modal": frame_modal, "like": frame_like,
    "ser_thing": frame_ser_thing, "profession": frame_profession,
    "estar_person": frame_estar_person, "estar_thing": frame_estar_thing,
    "feeling": frame_feeling, "age": frame_age, "location": frame_location,
    "where": frame_where, "there": frame_there, "imperative": frame_imperative,
    "exclaim": frame_exclaim, "weather": frame_weather,
}


# ---------------------------------------------------------------------------------------------
# Corpus building and splitting
# ---------------------------------------------------------------------------------------------
def words(s):
    return re.findall(r"[\w'’]+", s.lower())


def source_key(en):
    """Sources that differ only in case or punctuation count as one (no leak between splits)."""
    return " ".join(words(en))


PEOPLE_PHRASES = [nm for nm, _ in NAMES] + [e for e, _, _, _ in SUBJECT_NPS]
CHILD_SUBJECTS = ("the children", "the boy", "the girl")
ADULT_THINGS = ("work", "office", "hospital", "bank", "wine", "beer", "coffee", "house",
                "car", "doctor", "engineer", "nurse", "teacher", "cook")


def implausible(en):
    """Reject generated sentences that are grammatical but odd (self-reference, children at
    work or drinking wine)."""
    low = " " + " ".join(words(en)) + " "
    for p in PEOPLE_PHRASES:
        if low.count(" " + p.lower() + " ") > 1:
            return True
    if any(low.startswith(" " + c + " ") or (" " + c + " ") in low for c in CHILD_SUBJECTS):
        if any((" " + t) in low for t in ADULT_THINGS):
            return True
    return False


def generate_items(rng):
    items = []  # (english, [spanish...], origin)
    seen = {}
    for h in HANDWRITTEN:
        en, refs = h[0], list(h[1:])
        k = source_key(en)
        assert k not in seen, en
        seen[k] = True
        items.append((en, refs, "hand"))
    for name in FRAME_QUOTA:
        made, tries = 0, 0
        while made < FRAME_QUOTA[name]:
            tries += 1
            if tries > FRAME_QUOTA[name] * 200:
                raise RuntimeError(f"frame {name}: could not make {FRAME_QUOTA[name]} sentences")
            en, refs = FRAMES[name](rng)
            nw = len(words(en))
            if not MIN_EN_WORDS <= nw <= MAX_EN_WORDS:
                continue
            k = source_key(en)
            if k in seen or implausible(en):
                continue
            seen[k] = True
            items.append((en, refs, name))
            made += 1
    return items


def vocab_of(items):
    en, es = {}, {}
    for e, refs, _ in items:
        for w in words(e):
            en[w] = en.get(w, 0) + 1
        for r in refs:
            for w in words(r):
                es[w] = es.get(w, 0) + 1
    return en, es


def split(items, rng):
    """Pick dev and test sources whose every word (both sides) still occurs in train.

    Each held-out split gets DEV_MULTI_SOURCES sources with two references, then
    single-reference sources up to its line count. Hand-written sentences are picked less
    often (they are mostly fixed phrases, which a small model can only learn from train).
    """
    order = list(range(len(items)))
    rng.shuffle(order)
    cnt_en, cnt_es = vocab_of(items)
    taken = set()
    held = {"dev": [], "test": []}

    def holdable(i):
        en, refs, _ = items[i]
        de, ds = {}, {}
        for w in words(en):
            de[w] = de.get(w, 0) + 1
        for r in refs:
            for w in words(r):
                ds[w] = ds.get(w, 0) + 1
        ok = all(cnt_en[w] > c for w, c in de.items()) and all(cnt_es[w] > c for w, c in ds.items())
        return ok, de, ds

    for name, target in (("dev", DEV_LINES), ("test", TEST_LINES)):
        lines = 0
        for want_multi, want_lines in ((True, DEV_MULTI_SOURCES * 2), (False, target)):
            for i in order:
                if lines >= want_lines:
                    break
                en, refs, origin = items[i]
                if i in taken or (len(refs) > 1) != want_multi:
                    continue
                if len(refs) > 2 or lines + len(refs) > want_lines:
                    continue
                if origin == "hand" and rng.random() < 0.7:
                    continue
                ok, de, ds = holdable(i)
                if not ok:
                    continue
                for w, c in de.items():
                    cnt_en[w] -= c
                for w, c in ds.items():
                    cnt_es[w] -= c
                taken.add(i)
                held[name].append(i)
                lines += len(refs)
        if lines != target:
            raise RuntimeError(f"{name}: {lines} lines, wanted {target}")
    train = [items[i] for i in range(len(items)) if i not in taken]
    ven, ves = vocab_of(train)
    for name in ("dev", "test"):
        for i in held[name]:
            en, refs, _ = items[i]
            missing = [w for w in words(en) if w not in ven] + \
                [w for r in refs for w in words(r) if w not in ves]
            assert not missing, (name, en, missing)
    return train, [items[i] for i in held["dev"]], [items[i] for i in held["test"]]


def lines_of(items, rng, keep_order=False):
    out = []
    items = list(items)
    if not keep_order:
        rng.shuffle(items)
    for en, refs, _ in items:
        for r in refs:  # references of one source stay on adjacent lines
            out.append(f"{en}\t{r}")
    return out


def write_atomic(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
    os.replace(tmp, path)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--dump", action="store_true",
                    help="print every source with its origin (frame) instead of writing files")
    args = ap.parse_args(argv)
    rng = random.Random(SEED)
    items = generate_items(rng)
    if args.dump:
        for en, refs, origin in items:
            print(f"{origin}\t{en}\t" + "\t".join(refs))
        return 0
    train, dev, test = split(items, rng)
    files = {"train": lines_of(train, rng), "dev": lines_of(dev, rng),
             "test": lines_of(test, rng)}
    all_pairs = [p for ls in files.values() for p in ls]
    assert len(all_pairs) == len(set(all_pairs)), "duplicate pair"
    os.makedirs(args.out, exist_ok=True)
    for name, ls in files.items():
        for line in ls:
            assert line.count("\t") == 1 and "\n" not in line and line == line.strip(), line
        write_atomic(os.path.join(args.out, name + ".tsv"), ls)
    if args.stats:
        ven, ves = vocab_of(items)
        for name, ls in files.items():
            srcs = len({line.split("\t")[0] for line in ls})
            print(f"{name}: {len(ls)} pairs, {srcs} distinct English sources, "
                  f"{len(ls) - srcs} extra references")
        print(f"distinct English words: {len(ven)}, distinct Spanish words: {len(ves)}")
        by = {}
        for _, refs, origin in items:
            by[origin] = by.get(origin, 0) + len(refs)
        print("pairs by origin: " + ", ".join(f"{k} {v}" for k, v in by.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
