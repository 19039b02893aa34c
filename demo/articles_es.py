"""The demo questions and answers in Spanish, written by the team: the IOP article with its ten
questions, the topics and the reviewers. The two other demo articles are left in English on purpose:
the Spanish site shows them with its note that a translation is still to come."""

REVIEWERS = {
    "dana-whitfield": {
        "credentials_es": "LMFT (terapeuta de pareja y familia con licencia)",
        "specialty_es": "Terapia familiar y tratamiento ambulatorio",
        "bio_es": "Dana es terapeuta matrimonial y familiar con licencia. Lleva más de diez años en el tratamiento "
        "de las adicciones, casi siempre al frente de programas ambulatorios y familiares.",
    },
    "samuel-okafor": {
        "credentials_es": "MD, certificado en medicina de las adicciones",
        "specialty_es": "Medicina de las adicciones y manejo de la abstinencia (desintoxicación) con supervisión médica",
        "bio_es": "El Dr. Okafor es nuestro director médico. Supervisa la desintoxicación y el tratamiento "
        "asistido con medicamentos (MAT), y revisa lo que escribimos sobre la abstinencia, los medicamentos y la seguridad.",
    },
}

TOPICS = {
    "treatment-programs": {
        "name_es": "Programas de tratamiento",
        "description_es": "Cómo funcionan los distintos tipos de tratamiento.",
    },
    "paying-for-treatment": {
        "name_es": "Cómo pagar el tratamiento",
        "description_es": "Seguro médico, pago propio y qué preguntar.",
    },
}

IOP_QUESTIONS = [
    (
        "¿Qué significa IOP?",
        "IOP son las siglas en inglés de **programa ambulatorio intensivo**. Trata los trastornos por consumo de "
        "sustancias y los de salud mental, que con frecuencia se presentan juntos. Al final de cada día de "
        "tratamiento usted vuelve a su casa o a una vivienda de vida sobria (sober living), sin alcohol ni drogas.",
    ),
    (
        "¿Cuándo se usa el IOP?",
        "En tres situaciones comunes:\n\n- como primer paso para alguien cuyo problema de salud no requiere internarse;\n"
        "- como paso siguiente después de un tratamiento residencial u hospitalario;\n"
        "- para recuperar la estructura después de una recaída corta.",
    ),
    (
        "¿Cómo funciona un IOP?",
        "Empieza con una evaluación de nuestro equipo clínico, que prepara un plan con usted. La mayoría de las "
        "personas viene de tres a cinco veces por semana, a menudo en bloques de unas tres horas, para un total "
        "de 9 a 19 horas semanales de terapia individual y de grupo [1]. Recomendamos las reuniones de doce pasos. "
        "A medida que usted avanza, las horas por semana disminuyen.",
    ),
    (
        "¿En qué se diferencia el IOP del programa de hospitalización parcial (PHP)?",
        "El programa de hospitalización parcial (PHP) se parece al IOP pero es más intensivo: tiene más horas "
        "por semana y un nivel de atención más alto. Con el PHP quizá pueda mantener un trabajo o estudios de medio "
        "tiempo; el IOP deja espacio para un trabajo, estudios o responsabilidades familiares de tiempo completo.",
    ),
    (
        "¿Funciona el IOP?",
        "Cuando el IOP es adecuado para la persona, sus resultados son similares a los de la atención con "
        "internamiento. "
        "Como se acomoda a la vida diaria, la gente tiende a seguir en tratamiento y terminarlo. Los IOP ofrecen "
        "casi las mismas terapias. También ofrecen tratamiento asistido con medicamentos (MAT): medicamentos como "
        "la buprenorfina, la metadona o la naltrexona, junto con terapia.",
    ),
    (
        "¿Cuánto dura el IOP?",
        "Por lo general de 8 a 12 semanas, y se puede extender. Quienes tienen una adicción grave o de muchos años, "
        "o trastornos de salud mental al mismo tiempo, pueden quedarse más. La intensidad puede bajar, o volver a "
        "subir, según haga falta.",
    ),
    (
        "¿El seguro médico paga el IOP?",
        "La mayoría de los planes de salud cubren la atención de salud mental, y eso incluye el tratamiento por "
        "consumo de sustancias. Cuánto paguen de un IOP depende del plan: puede ser solo una parte del costo, "
        "casi siempre después del deducible anual (lo que usted paga cada año antes de que el plan empiece a pagar). Podemos revisar sus beneficios por "
        "usted.",
    ),
    (
        "¿Cuál es la diferencia entre la atención con internamiento y la ambulatoria?",
        "Con internamiento, usted vive en el centro todo el tiempo; es para adicciones graves. La atención "
        "ambulatoria es de tiempo parcial: usted vive en casa o en una vivienda de vida sobria, con más libertad, y a "
        "menudo puede seguir trabajando o estudiando.",
    ),
    (
        "¿Para quién es adecuado el IOP?",
        "El IOP suele ser adecuado para personas que:\n\n"
        "- tienen una adicción leve, o ya terminaron un tratamiento con internamiento o un PHP;\n"
        "- están motivadas y pueden mantenerse lejos de las sustancias;\n"
        "- tienen un hogar estable y sin consumo;\n"
        "- tienen responsabilidades en casa, el trabajo o la escuela, como hijos, un familiar mayor o con "
        "discapacidad, o incluso mascotas.",
    ),
    (
        "¿Cómo elijo un IOP?",
        "Busque un programa con licencia y acreditación, con personal clínico certificado y varios enfoques "
        "basados en la evidencia. Confirme que acepta su seguro y que ofrece lo que usted pueda necesitar, como "
        "atención para diagnóstico dual. Si puede, visite el lugar y hable con personas que ya terminaron el programa.",
    ),
]

ARTICLES = {
    "what-is-iop": {
        "title_es": "¿Qué es el IOP? 10 preguntas sobre los programas ambulatorios intensivos",
        "introduction_es": (
            "En un programa ambulatorio intensivo, usted recibe mucha ayuda para la adicción o la salud mental y "
            "duerme en su casa. Aquí tiene respuestas claras a lo que más nos preguntan."
        ),
        "closing_es": (
            "La situación de cada persona es distinta. Si se pregunta si el IOP es adecuado para usted o para un ser "
            "querido, nuestro equipo de admisiones puede hablarlo con usted a cualquier hora."
        ),
        "questions": IOP_QUESTIONS,
    },
}

IOP_PICTURE_ALT = "Dibujo de colinas color lavanda al atardecer, bajo un sol bajo."
