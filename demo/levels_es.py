"""The demo levels of care in Spanish, written by the team from the same fact sheet (not a machine
translation): {slug: translated fields}."""

# The detox page's immediate-action care card (common/care_cards.py), in Spanish.
DETOX_CARD = """!!! inmediato "Llame al 911 o vaya a la sala de emergencias si"
    Mientras alguien deja el alcohol, los sedantes o los opioides, la persona:

    - tiene una convulsión
    - ve, oye o siente cosas que no están ahí
    - está confundida, muy agitada o cuesta despertarla

    Si alguien pudo haber tenido una sobredosis de opioides (respira lento o no respira, tiene los labios
    azulados, no se despierta), [llame al 911](tel:911) y dele naloxona (Narcan) si la tiene. Quédese con
    la persona hasta que llegue la ayuda.

    No deje de golpe el consumo intenso de alcohol ni las benzodiacepinas por su cuenta: esa abstinencia
    puede poner la vida en peligro. Llámenos al [[helpline]], de día o de noche,
    para planear una desintoxicación segura."""

SPANISH = {
    "medical-detox": {
        "name_es": "Desintoxicación médica",
        "length_in_words_es": "de varios días a una semana",
        "short_name_es": "Desintoxicación",
        "summary_es": "Un comienzo seguro: enfermeras y médicos tratan los síntomas de abstinencia las 24 horas.",
        "description_es": (
            "Dejar de golpe el alcohol, los opioides o los sedantes puede ser peligroso. En la desintoxicación "
            "médica usted se queda con nosotros mientras el personal de enfermería le cuida de día y de noche, "
            "y los médicos alivian los síntomas de abstinencia con medicamentos cuando hace falta.\n\n"
            "La desintoxicación es el comienzo, no todo el tratamiento: antes de que termine, nuestros "
            "clínicos planean con usted el siguiente nivel de atención.\n\n" + DETOX_CARD
        ),
        "who_it_fits_es": (
            "- Personas con riesgo de una abstinencia difícil o peligrosa\n"
            "- Quienes intentaron dejarlo por su cuenta y no pudieron\n"
            "- Quien tenga problemas de salud que requieran vigilancia médica al dejar de consumir"
        ),
        "typical_week_es": (
            "Descanso, control frecuente de los signos vitales, medicamentos cuando se necesitan, comidas y "
            "las primeras conversaciones con un terapeuta. La mayoría de las estancias duran "
            "[[typical_length]]."
        ),
    },
    "residential": {
        "name_es": "Tratamiento residencial",
        "short_name_es": "Residencial",
        "summary_es": (
            "Viva en el centro, con estructura y apoyo las 24 horas, mientras aprende a sostener su recuperación."
        ),
        "description_es": (
            "En el tratamiento residencial usted vive en el centro, lejos de las presiones y los detonantes "
            "de casa. Cada día combina terapia individual, grupos y atención integral para el cuerpo, la "
            "mente y el espíritu, con personal presente a toda hora."
        ),
        "who_it_fits_es": (
            "- Adicción grave o de muchos años\n"
            "- Problemas de salud mental al mismo tiempo que necesitan atención cercana\n"
            "- Un hogar que todavía no es un lugar seguro o libre de sustancias para recuperarse"
        ),
        "typical_week_es": (
            "Días completos de terapia y actividades, todos los días: sesiones individuales, "
            "terapia de grupo, sesiones con la familia, ejercicio y tiempo para reflexionar."
        ),
    },
    "partial-hospitalization": {
        "name_es": "Programa de hospitalización parcial",
        "short_name_es": "PHP",
        "summary_es": ("Casi todo el día en terapia; las tardes y noches, en casa o en una vivienda de vida sobria."),
        "description_es": (
            "El programa de hospitalización parcial (PHP) le da casi la misma estructura que el tratamiento "
            "residencial. Pero usted duerme en casa o en una vivienda de vida sobria (sober living), sin alcohol "
            "ni drogas. Es la forma más intensa de atención ambulatoria: viene de día y vuelve a casa de noche."
        ),
        "who_it_fits_es": (
            "- Personas que terminan el tratamiento residencial\n"
            "- Quienes necesitan apoyo diario pero tienen un lugar estable donde vivir\n"
            "- Quienes pueden con un trabajo o estudios de medio tiempo como mucho"
        ),
        "typical_week_es": "En el programa [[days_per_week]], [[hours_per_week]] en total.",
    },
    "intensive-outpatient": {
        "name_es": "Programa ambulatorio intensivo",
        "short_name_es": "IOP",
        "summary_es": "Varias sesiones a la semana que se acomodan a su trabajo, sus estudios o su familia.",
        "description_es": (
            "El programa ambulatorio intensivo (IOP, por sus siglas en inglés) trata los trastornos por consumo de "
            "sustancias y de salud mental, incluso los dos a la vez, mientras usted sigue viviendo en casa o "
            "en una vivienda de vida sobria. Viene varias veces por semana a bloques de terapia, y las horas bajan a "
            "medida que avanza."
        ),
        "who_it_fits_es": (
            "- Un primer paso cuando no hace falta internarse\n"
            "- El paso siguiente después del tratamiento residencial o del PHP\n"
            "- Volver a tener estructura después de una recaída corta\n"
            "- Personas con un hogar estable y sin consumo, y obligaciones que no pueden dejar"
        ),
        "typical_week_es": (
            "Visitas [[days_per_week]], a menudo en bloques de unas horas: [[hours_per_week]] de "
            "terapia individual y de grupo en total. Recomendamos asistir a reuniones de doce pasos."
        ),
    },
    "outpatient": {
        "name_es": "Tratamiento ambulatorio",
        "short_name_es": "Ambulatorio",
        "summary_es": (
            "Sesiones de terapia regulares que mantienen la recuperación en marcha mientras "
            "la vida vuelve a la normalidad."
        ),
        "description_es": (
            "El tratamiento ambulatorio consiste en unas pocas horas de terapia a la semana. Suele venir "
            "después del IOP y ayuda a conservar lo logrado mientras usted vuelve de lleno al trabajo, los "
            "estudios y la vida familiar."
        ),
        "who_it_fits_es": (
            "- Personas que terminan un programa más intensivo\n"
            "- Problemas leves de consumo de sustancias o de salud mental\n"
            "- Quien quiera apoyo continuo en su recuperación"
        ),
        "typical_week_es": "Sesiones [[days_per_week]], [[hours_per_week]] en total.",
    },
}

# The drawn landscapes' alt text in Spanish.
PICTURE_ALT = {
    "medical-detox": "Dibujo de un sol bajo sobre colinas azules y tranquilas al amanecer.",
    "residential": "Dibujo de colinas verdes que bajan hacia un valle bajo un cielo cálido.",
    "partial-hospitalization": "Dibujo de colinas color salvia bajo un cielo despejado de mañana.",
    "intensive-outpatient": "Dibujo de colinas onduladas con la luz del final de la tarde.",
    "outpatient": "Dibujo de colinas abiertas que se extienden hacia un cielo amplio y claro.",
}
