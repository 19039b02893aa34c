"""The center's pages in Spanish, written by the team (demo text: a real center has its lawyer and
compliance officer read the notices in both languages). Links lead to the Spanish pages."""

from .pages_shared import HELPLINE

ABOUT = """\
[[center_name]] trata las adicciones y los problemas de salud mental en Los Ángeles, también en personas que
viven con ambos a la vez. Ofrecemos todos los niveles de atención, desde la desintoxicación médica hasta el
tratamiento ambulatorio, para que cada persona pueda pasar de uno al siguiente sin empezar de cero con otro equipo.

## Cómo trabajamos

- **Todo empieza con una evaluación.** Nuestros clínicos le conocen, entienden lo que está viviendo y preparan
  un plan con usted.
- **El plan le acompaña.** A medida que mejora, pasa a menos horas por semana; si necesita más apoyo, vuelve a
  un nivel más intensivo. Las personas que ya le conocen siguen con usted.
- **La persona completa.** Terapia, atención médica, medicamentos cuando ayudan, y cuidado del sueño, la
  alimentación, el movimiento y el sentido de la vida. La familia participa cuando la persona en tratamiento
  así lo quiere.

## Quiénes somos

Nuestro equipo incluye médicos, enfermeras, terapeutas y consejeros con licencia, y personas con años de
recuperación. Nuestros artículos los revisan los clínicos que aparecen en
[la página de nuestros revisores médicos](/es/faq/reviewers/).
"""

ADMISSIONS = f"""\
Pedir ayuda es el paso más difícil. Esto es lo que pasa después de darlo.

## 1. La primera llamada

Llame al {HELPLINE} a cualquier hora, o [envíenos un mensaje](/es/contact/). Un coordinador de admisiones le
hace algunas preguntas sobre lo que está pasando, lo que ha intentado antes y cómo pagaría. La llamada es
confidencial y no le compromete a nada.

## 2. Revisamos su seguro

Con el nombre de su aseguradora y su número de miembro (el número que le identifica en su plan), revisamos sus beneficios y le decimos con
claridad cuánto pagaría probablemente su plan y cuánto le tocaría pagar a usted. Si no tiene seguro, hablamos
del pago propio y de otras opciones.

## 3. La evaluación

Un clínico se reúne con usted, en persona o por video, para recomendar el nivel de atención adecuado. Si no
somos el lugar indicado para usted, le ayudamos a encontrar uno que lo sea.

## 4. Su primer día

Si va a quedarse con nosotros, acordamos una hora de llegada. Alguien le recibe en la puerta, nuestro equipo
médico le ve ese mismo día y usted conoce a su terapeuta en los primeros días.

## Qué traer

- Una identificación con foto y su tarjeta del seguro.
- Una lista de sus medicamentos, en sus frascos originales, y los nombres de sus médicos.
- Ropa cómoda para una semana más o menos, y zapatos para caminar.
- Artículos de aseo que no contengan alcohol.
- Los números de teléfono de las personas a quienes quizá quiera llamar.

## Qué dejar en casa

Alcohol y drogas, armas, y cualquier cosa que contenga alcohol, como algunos enjuagues bucales. Pregúntenos
antes de traer objetos de valor, suplementos o vapeadores.
"""

PRIVACY_PRACTICES = f"""\
**Este aviso describe cómo se puede usar y divulgar su información médica y cómo puede usted obtener acceso a
ella. Léalo con atención.**

La ley nos obliga a proteger la privacidad de su información de salud, a darle este aviso sobre nuestras
obligaciones legales y nuestras prácticas de privacidad, y a cumplir el aviso vigente. Como tratamos trastornos
por consumo de sustancias, sus expedientes también están protegidos por la norma federal sobre la confidencialidad
de los expedientes de pacientes con trastornos por consumo de sustancias (42 CFR Parte 2), que en varios puntos es
más estricta que HIPAA.

## Cómo podemos usar y compartir su información

- **Para su tratamiento:** entre los clínicos que le atienden aquí.
- **Para el pago:** con su plan de seguro, para cobrar la atención que recibe.
- **Para nuestras operaciones:** para administrar el centro y mejorar la atención, por ejemplo en revisiones
  de calidad.
- **Con su consentimiento por escrito** para todo lo demás, incluida la mayor parte de lo que se comparte de
  los expedientes de tratamiento por consumo de sustancias.
- **Cuando la ley lo exige**, por ejemplo para evitar una amenaza grave a la salud o la seguridad de alguien, o
  para reportar abuso o negligencia. Los expedientes de tratamiento por consumo de sustancias no se usan en
  procesos penales en su contra sin su consentimiento o sin una orden judicial que cumpla las condiciones de
  la norma.

## Sus derechos

- Ver y obtener una copia de sus expedientes, también en formato electrónico.
- Pedirnos que corrijamos información que usted crea equivocada.
- Pedirnos que limitemos lo que usamos o compartimos, y que le contactemos de cierta manera o en cierto lugar.
- Obtener una lista de las veces que hemos compartido su información.
- Obtener una copia en papel de este aviso en cualquier momento.
- Elegir a alguien que actúe en su nombre.
- Ser informado si hay una violación de la seguridad de su información.
- Presentar una queja si cree que no se respetaron sus derechos, ante nosotros o ante la Oficina de Derechos
  Civiles del Departamento de Salud y Servicios Humanos de EE. UU. Nunca tomaremos represalias por una queja.

## Contacto

Nuestro responsable de privacidad responde preguntas sobre este aviso en el {HELPLINE}. Podemos cambiar este
aviso; el nuevo se aplicará a toda la información que tengamos, y lo publicaremos aquí y en el centro.
"""

WEBSITE_PRIVACY = """\
Esta política trata de este sitio web. Cómo protegemos la información de salud de las personas que atendemos
se explica en nuestro [Aviso de prácticas de privacidad](/es/notice-of-privacy-practices/).

## Nadie más le observa aquí

Este sitio no tiene rastreadores de publicidad ni de analítica, ni botones de redes sociales, ni programas de
terceros. Cada página, tipo de letra e imagen viene de nuestro propio servidor, así que ninguna otra empresa sabe qué
páginas lee usted.

## Cookies

- **De dónde llegó** (`mg_first_touch` y `mg_last_touch`): cuando llega desde otro sitio o desde uno de nuestros
  anuncios, recordamos la página a la que llegó, el sitio que le envió y las etiquetas de campaña del enlace, en
  su primera visita y en la más reciente. Nada más, y nada sobre usted. Las cookies están firmadas para que no
  se puedan alterar, los programas de la página no pueden leerlas y vencen a los **90 días**. Si nos envía un
  mensaje, se guardan con él para que sepamos qué páginas ayudan a la gente a encontrarnos.
- **Protección del formulario** (`csrftoken`): se crea al abrir el formulario de contacto, para impedir que
  otros sitios envíen formularios en su nombre.
- El personal que entra a nuestra oficina en línea recibe una cookie de sesión; los visitantes, nunca.

## Lo que usted nos envía

Lo que escribe en el formulario de contacto llega solo a nuestro equipo de admisiones, por una conexión
cifrada. Los correos que avisan a nuestro personal de que llegó un mensaje no contienen datos personales.
Guardamos las consultas por un tiempo limitado y luego las borramos, salvo que pasen a formar parte de un
expediente de tratamiento.

## Preguntas

Llame a nuestra línea de ayuda a cualquier hora y pida hablar con el responsable de privacidad.
"""

NONDISCRIMINATION = f"""\
[[center_name]] cumple las leyes federales de derechos civiles. No discriminamos a nadie por su raza, color,
origen nacional, edad, discapacidad o sexo (incluidas la orientación sexual y la identidad de género). No
rechazamos a nadie ni tratamos a nadie de otra forma por ninguno de estos motivos.

## Ayuda que le damos gratis

- **Para personas con discapacidad:** intérpretes calificados de lengua de señas, e información escrita en
  otros formatos, como letra grande, audio y formatos electrónicos accesibles.
- **Para personas cuyo idioma principal no es el inglés:** intérpretes calificados, e información escrita en
  otros idiomas.
- **Modificaciones razonables:** cambios en la forma en que hacemos las cosas, para que una persona con
  discapacidad pueda recibir nuestra atención.

Le damos esta ayuda de forma gratuita y oportuna. Para pedirla, llame al {HELPLINE}.

## Si cree que le fallamos

Quizá no le dimos esta ayuda. O quizá le tratamos mal de otra forma. Si es así, puede presentar una queja ante
nuestro coordinador de derechos civiles. Puede hacerlo en persona, por correo, por teléfono o por correo
electrónico. El coordinador le puede ayudar a presentarla. Abajo le decimos cómo comunicarse con él.

También puede presentar una queja de derechos civiles ante la Oficina de Derechos Civiles del Departamento de
Salud y Servicios Humanos de EE. UU. Puede hacerlo en línea, por correo o por teléfono. Abajo le decimos
también cómo comunicarse con ellos.
"""

ACCESSIBILITY = f"""\
Queremos que todas las personas puedan usar este sitio, también quienes usan un lector de pantalla,
ampliación, control por voz o solo el teclado.

## Nuestra meta

Este sitio busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2 en el nivel AA. Cada
página tiene regiones y encabezados en orden, campos de formulario con etiqueta, foco visible, suficiente
contraste de color y texto que se acomoda en un teléfono pequeño sin desplazarse hacia los lados. Probamos las
páginas con revisiones automáticas y con el teclado antes de publicarlas.

## Si algo no le funciona

Díganos en qué página y qué falló, y lo arreglaremos; mientras tanto, le daremos la información de otra manera.
Llame al {HELPLINE} a cualquier hora, o [envíenos un mensaje](/es/contact/).
"""

EDITORIAL_POLICY = """\
Mucha gente lee nuestros artículos en un momento difícil. Por eso los escribimos con estas reglas.

## Lenguaje sencillo

Escribimos para la persona que busca ayuda y para quienes la quieren: frases cortas, palabras comunes y la
respuesta antes que los detalles. Explicamos cada término la primera vez que lo usamos.

## Revisados por clínicos

Un clínico con licencia de nuestro equipo revisa la exactitud médica de cada artículo antes de publicarlo. El
nombre de quien lo revisó, sus credenciales y la fecha de la revisión aparecen al inicio del artículo, y cada
revisor tiene [una página con lo que ha revisado](/es/faq/reviewers/). Ningún artículo se publica sin revisión.
Cada uno se revisa de nuevo por lo menos cada doce meses, antes si cambian la ciencia o la ley.

## Con fuentes

Nos basamos en agencias de salud del gobierno, sociedades profesionales, revistas científicas revisadas por
expertos y guías clínicas, y citamos las fuentes numeradas al pie de cada artículo. No citamos la publicidad de
otros centros de tratamiento.

## Honestos sobre nosotros

Nuestros artículos los escribe [[center_name]], un proveedor de tratamiento. Le invitan a llamarnos, y
también le indican recursos públicos gratuitos, como la Línea 988 de Prevención del Suicidio y Crisis y la
Línea Nacional de Ayuda de SAMHSA. No prometemos resultados.

## Correcciones

Si ve un error, avísenos con [nuestro formulario de contacto](/es/contact/). Corregimos los errores pronto y
anotamos la fecha del cambio.
"""

SPANISH = {
    "about": {"title_es": "Quiénes somos", "body_es": ABOUT,
              "summary_es": "Quiénes somos, cómo tratamos las adicciones y la salud mental en Los Ángeles, y nuestra licencia."},
    "admissions": {"title_es": "Admisiones: qué esperar y qué traer", "body_es": ADMISSIONS,
                   "summary_es": "De la primera llamada a su primer día: los pasos de la admisión y qué llevar."},
    "notice-of-privacy-practices": {"title_es": "Aviso de prácticas de privacidad", "body_es": PRIVACY_PRACTICES,
                                    "summary_es": "Cómo usamos y protegemos su información de salud, y sus derechos."},
    "privacy": {"title_es": "Política de privacidad del sitio web", "body_es": WEBSITE_PRIVACY,
                "summary_es": "Sin rastreadores de terceros: qué guarda este sitio web y por cuánto tiempo."},
    "nondiscrimination": {"title_es": "No discriminación y ayuda con el idioma", "body_es": NONDISCRIMINATION,
                          "summary_es": "No discriminamos, y ofrecemos ayuda gratuita con el idioma y otras ayudas."},
    "accessibility": {"title_es": "Declaración de accesibilidad", "body_es": ACCESSIBILITY,
                      "summary_es": "Cómo hacemos que este sitio funcione para todos, y cómo avisarnos si no es así."},
    "editorial-policy": {"title_es": "Política editorial", "body_es": EDITORIAL_POLICY,
                         "summary_es": "Cómo escribimos nuestros artículos, cómo los revisan los clínicos y qué fuentes usamos."},
}  # fmt: skip
