"""What people and mail clients write, per language: the raw material of the blind generator.

Each language has the contact's formal and casual phrasing (greeting, lines, sign-off, price
talk), the rep's formal phrasing (with discount offers, so quoted rep text is a trap), the mail
client's reply/forward headers, an out-of-office text, and date names for those headers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

LANGS = ("en", "de", "fr", "es", "pt", "it", "nl")


@dataclass(frozen=True)
class Lang:
    code: str
    formal_greet: tuple[str, ...]  # {rep_first} {rep_last}
    formal_lines: tuple[str, ...]
    formal_close: tuple[str, ...]
    casual_greet: tuple[str, ...]
    casual_lines: tuple[str, ...]
    casual_close: tuple[str, ...]
    price_formal: dict[str, str]  # band (high/medium/low) -> the contact's own price talk
    price_casual: dict[str, str]
    rep_greet: str  # {first} {last}
    rep_intro: tuple[str, ...]
    rep_offer: str  # {pct}
    rep_chaser: str
    rep_meeting: str
    rep_recap: str
    rep_close: str
    subjects: tuple[str, ...]
    re: str
    fwd: str
    ooo_subjects: tuple[str, ...]  # {subj}
    ooo_body: str  # {date} {colleague} {name}
    mobile_sig: str
    disclaimer: str
    days_short: tuple[str, ...]
    days_full: tuple[str, ...]
    months_short: tuple[str, ...]
    months_full: tuple[str, ...]
    gmail: str  # reply header, see fmt_date for the fields
    apple: str
    thunderbird: str
    outlook: tuple[str, str, str, str, str]  # separator, From, Sent, To, Subject labels
    outlook_sent: str
    forward: str


def fmt_date(pattern: str, lang: Lang, at: datetime, **fields: str) -> str:
    return pattern.format(
        D=lang.days_short[at.weekday()],
        DD=lang.days_full[at.weekday()],
        d=at.day,
        dd=f"{at.day:02d}",
        M=lang.months_short[at.month - 1],
        MM=lang.months_full[at.month - 1],
        m=f"{at.month:02d}",
        Y=at.year,
        y=f"{at.year % 100:02d}",
        hm=at.strftime("%H:%M"),
        **fields,
    )


EN = Lang(
    code="en",
    formal_greet=("Dear Mr. {rep_last},", "Dear {rep_first} {rep_last},", "Good morning Mr. {rep_last},"),
    formal_lines=(
        "Thank you for your message. I would be grateful if you could send us the revised proposal.",
        "I have forwarded your proposal to our management and shall revert to you shortly.",
        "Could you kindly confirm the delivery date at your earliest convenience?",
        "Please find attached the signed documents. Should you require anything further, do let me know.",
        "I would appreciate it if you could arrange a short call with our technical team next week.",
    ),
    formal_close=("Kind regards,", "Yours sincerely,", "With best regards,"),
    casual_greet=("Hey {rep_first}!", "hey {rep_first},", "Hiya {rep_first} 👋"),
    casual_lines=(
        "yeah that works for me, thx! 👍",
        "cool, can u shoot me the deck again? lost it lol",
        "gonna loop in my team, talk soon 🙂",
        "yep, signed it - all good on our side!",
        "awesome, let's grab a quick call next wk? 😄",
    ),
    casual_close=("cheers", "thx!", "ttyl", "cheers!!"),
    price_formal={
        "high": "However, the price is well above our budget; we would need a substantial discount to proceed.",
        "medium": "The price is acceptable to us; would it be possible to include the onboarding training?",
        "low": "Price is not the main concern for us; reliability and the rollout date matter far more.",
    },
    price_casual={
        "high": "honestly that's way too pricey for us, can you do better on the price??",
        "medium": "price is ok for us, could you throw in the onboarding training tho?",
        "low": "price isn't really the issue tbh, we just need it live by next month 🙂",
    },
    rep_greet="Dear {first} {last},",
    rep_intro=(
        "I hope this message finds you well. Please find attached our revised proposal for your review.",
        "Thank you for your time on our last call. As promised, I am sending you the details of our offer.",
    ),
    rep_offer=(
        "As discussed, we can offer you an exclusive {pct}% discount on the annual licence if you sign "
        "before the end of the month, reducing the price considerably."
    ),
    rep_chaser="I am following up on my message below and would appreciate your feedback at your convenience.",
    rep_meeting="Would you be available for a meeting later this week to discuss the next steps?",
    rep_recap="Thank you for the call today. As agreed, here is a short recap of what we discussed and the next steps.",
    rep_close="Kind regards,",
    subjects=(
        "Proposal for the licence renewal",
        "Next steps on the analytics rollout",
        "Your quote request",
        "Pilot project follow-up",
    ),
    re="Re: ",
    fwd="Fwd: ",
    ooo_subjects=("Automatic reply: {subj}", "Out of Office: {subj}", "Auto: {subj}"),
    ooo_body=(
        "Thank you for your email. I am currently out of the office until {date} with limited access to email. "
        "For urgent matters please contact {colleague}.\n\nKind regards,\n{name}"
    ),
    mobile_sig="Sent from my iPhone",
    disclaimer=(
        "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the "
        "addressee. If you have received it in error, please notify the sender immediately and delete it. "
        "Any unauthorised use or disclosure is strictly prohibited."
    ),
    days_short=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    days_full=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months_short=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    months_full=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    gmail="On {D}, {d} {M} {Y} at {hm}, {rep} <{email}> wrote:",
    apple="On {d} {M} {Y}, at {hm}, {rep} <{email}> wrote:",
    thunderbird="On {dd}/{m}/{Y} {hm}, {rep} wrote:",
    outlook=("-----Original Message-----", "From:", "Sent:", "To:", "Subject:"),
    outlook_sent="{DD}, {MM} {d}, {Y} {hm}",
    forward="---------- Forwarded message ---------",
)

DE = Lang(
    code="de",
    formal_greet=("Sehr geehrter Herr {rep_last},", "Guten Tag Herr {rep_last},", "Sehr geehrter Herr {rep_last}!"),
    formal_lines=(
        "vielen Dank für Ihre Nachricht. Könnten Sie mir bitte das überarbeitete Angebot zusenden?",
        "Ich habe Ihr Angebot an unsere Geschäftsführung weitergeleitet und melde mich in Kürze bei Ihnen.",
        "Würden Sie mir bitte den Liefertermin bestätigen?",
        "Anbei erhalten Sie die unterschriebenen Unterlagen. Für Rückfragen stehe ich Ihnen gerne zur Verfügung.",
        "Ich wäre Ihnen dankbar, wenn Sie nächste Woche einen Termin mit unserer IT vereinbaren könnten.",
    ),
    formal_close=("Mit freundlichen Grüßen", "Freundliche Grüße", "Mit besten Grüßen"),
    casual_greet=("Hi {rep_first}!", "Hallo {rep_first},", "Hey {rep_first} 👋"),
    casual_lines=(
        "klar, passt mir! Kannst du mir das Angebot nochmal schicken? 👍",
        "hab's an mein Team weitergeleitet, meld mich bald bei dir 😊",
        "Super, danke dir! Wann hast du Zeit?",
        "jo, ist unterschrieben, passt alles!",
        "cool, lass uns nächste Woche kurz telefonieren, ok? 😄",
    ),
    casual_close=("LG", "Bis dann!", "VG und bis bald 🙂", "Ciao!"),
    price_formal={
        "high": "Allerdings liegt der Preis deutlich über unserem Budget; ohne einen spürbaren Rabatt können wir "
        "nicht fortfahren.",
        "medium": "Der Preis ist für uns in Ordnung; wäre es möglich, die Einführungsschulung mit aufzunehmen?",
        "low": "Der Preis ist für uns nicht entscheidend; Zuverlässigkeit und der Starttermin sind uns viel wichtiger.",
    },
    price_casual={
        "high": "ehrlich gesagt ist das viel zu teuer für uns, geht beim Preis noch was??",
        "medium": "Preis ist ok, kannst du die Schulung noch mit reinpacken?",
        "low": "der Preis ist ehrlich gesagt nicht das Thema, wir brauchen's einfach bis nächsten Monat 🙂",
    },
    rep_greet="Guten Tag {first} {last},",
    rep_intro=(
        "ich hoffe, es geht Ihnen gut. Anbei erhalten Sie unser überarbeitetes Angebot zur Prüfung.",
        "vielen Dank für Ihre Zeit in unserem letzten Gespräch. Wie versprochen sende ich Ihnen die Details.",
    ),
    rep_offer=(
        "Wie besprochen können wir Ihnen einen exklusiven Rabatt von {pct} % auf die Jahreslizenz anbieten, "
        "wenn Sie bis Monatsende unterzeichnen."
    ),
    rep_chaser="ich möchte kurz an meine untenstehende Nachricht erinnern und freue mich auf Ihre Rückmeldung.",
    rep_meeting="Hätten Sie diese Woche Zeit für einen Termin, um die nächsten Schritte zu besprechen?",
    rep_recap="vielen Dank für das heutige Telefonat. Wie vereinbart hier eine kurze Zusammenfassung.",
    rep_close="Mit freundlichen Grüßen",
    subjects=("Angebot Lizenzverlängerung", "Nächste Schritte zum Rollout", "Ihre Angebotsanfrage", "Pilotprojekt"),
    re="AW: ",
    fwd="WG: ",
    ooo_subjects=("Abwesenheitsnotiz: {subj}", "Automatische Antwort: {subj}"),
    ooo_body=(
        "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich {date} nicht im Büro und habe keinen Zugriff "
        "auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an {colleague}.\n\n"
        "Mit freundlichen Grüßen\n{name}"
    ),
    mobile_sig="Von meinem iPhone gesendet",
    disclaimer=(
        "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der "
        "richtige Adressat sind, informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail. "
        "Das unerlaubte Kopieren sowie die Weitergabe dieser E-Mail sind nicht gestattet."
    ),
    days_short=("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
    days_full=("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    months_short=("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
    months_full=(
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    gmail="Am {D}, {d}. {M} {Y} um {hm} Uhr schrieb {rep} <{email}>:",
    apple="Am {dd}.{m}.{Y} um {hm} schrieb {rep} <{email}>:",
    thunderbird="Am {dd}.{m}.{y} um {hm} schrieb {rep}:",
    outlook=("-----Ursprüngliche Nachricht-----", "Von:", "Gesendet:", "An:", "Betreff:"),
    outlook_sent="{DD}, {d}. {MM} {Y} {hm}",
    forward="---------- Weitergeleitete Nachricht ---------",
)

FR = Lang(
    code="fr",
    formal_greet=("Monsieur,", "Bonjour Monsieur {rep_last},", "Cher Monsieur {rep_last},"),
    formal_lines=(
        "Je vous remercie pour votre message. Pourriez-vous m'envoyer la proposition révisée ?",
        "J'ai transmis votre offre à notre direction et je reviendrai vers vous dans les meilleurs délais.",
        "Pourriez-vous avoir l'amabilité de me confirmer la date de livraison ?",
        "Veuillez trouver ci-joint les documents signés. Je reste à votre disposition pour toute question.",
        "Je vous serais reconnaissant de bien vouloir organiser un échange avec notre équipe technique.",
    ),
    formal_close=(
        "Cordialement,",
        "Je vous prie d'agréer, Monsieur, l'expression de mes salutations distinguées.",
        "Bien cordialement,",
    ),
    casual_greet=("Salut {rep_first} !", "Coucou {rep_first},", "Hello {rep_first} 👋"),
    casual_lines=(
        "ça marche pour moi, merci ! Tu peux me renvoyer le devis ? 👍",
        "j'ai transféré à mon équipe, je te redis vite 😉",
        "Super, merci à toi ! T'es dispo quand ?",
        "c'est signé, nickel !",
        "top, on s'appelle la semaine pro ? 😄",
    ),
    casual_close=("A+", "Bises", "Merci !!", "À plus !"),
    price_formal={
        "high": "Toutefois, le prix dépasse largement notre budget ; il nous faudrait une remise importante pour "
        "avancer.",
        "medium": "Le prix nous convient ; serait-il possible d'inclure la formation de démarrage ?",
        "low": "Le prix n'est pas notre préoccupation principale ; la fiabilité et la date de déploiement comptent "
        "bien davantage.",
    },
    price_casual={
        "high": "franchement c'est beaucoup trop cher pour nous, tu peux faire un geste sur le prix ??",
        "medium": "le prix c'est ok, tu peux ajouter la formation en plus ?",
        "low": "le prix c'est pas vraiment le souci, on veut juste que ça tourne le mois prochain 🙂",
    },
    rep_greet="Bonjour {first} {last},",
    rep_intro=(
        "J'espère que vous allez bien. Veuillez trouver ci-joint notre proposition révisée.",
        "Je vous remercie pour votre temps lors de notre dernier échange. Voici comme promis le détail de l'offre.",
    ),
    rep_offer=(
        "Comme convenu, nous pouvons vous proposer une remise exceptionnelle de {pct} % sur la licence annuelle "
        "si vous signez avant la fin du mois."
    ),
    rep_chaser="Je me permets de revenir vers vous concernant mon message ci-dessous.",
    rep_meeting="Seriez-vous disponible cette semaine pour un rendez-vous afin d'évoquer les prochaines étapes ?",
    rep_recap="Merci pour notre appel de ce jour. Comme convenu, voici un bref récapitulatif.",
    rep_close="Cordialement,",
    subjects=(
        "Proposition de renouvellement",
        "Prochaines étapes du déploiement",
        "Votre demande de devis",
        "Suivi du projet pilote",
    ),
    re="RE : ",
    fwd="TR : ",
    ooo_subjects=("Réponse automatique : {subj}", "Absence du bureau : {subj}"),
    ooo_body=(
        "Bonjour,\n\nJe suis absent du bureau jusqu'au {date} inclus, avec un accès limité à mes e-mails. "
        "Pour toute urgence, merci de contacter {colleague}.\n\nCordialement,\n{name}"
    ),
    mobile_sig="Envoyé de mon iPhone",
    disclaimer=(
        "Ce message et toutes ses pièces jointes sont confidentiels et établis à l'intention exclusive de ses "
        "destinataires. Si vous avez reçu ce message par erreur, merci d'en avertir immédiatement l'émetteur "
        "et de le détruire."
    ),
    days_short=("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    days_full=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    months_short=(
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    months_full=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    gmail="Le {D} {d} {M} {Y} à {hm}, {rep} <{email}> a écrit :",
    apple="Le {d} {M} {Y} à {hm}, {rep} <{email}> a écrit :",
    thunderbird="Le {dd}/{m}/{Y} à {hm}, {rep} a écrit :",
    outlook=("-----Message d'origine-----", "De :", "Envoyé :", "À :", "Objet :"),
    outlook_sent="{DD} {d} {MM} {Y} {hm}",
    forward="---------- Forwarded message ---------",
)

ES = Lang(
    code="es",
    formal_greet=("Estimado Sr. {rep_last}:", "Estimado señor {rep_last}:", "Muy señor mío:"),
    formal_lines=(
        "Le agradezco su mensaje. ¿Podría usted enviarme la propuesta revisada?",
        "He remitido su oferta a nuestra dirección y me pondré en contacto con usted en breve.",
        "¿Sería usted tan amable de confirmarme la fecha de entrega?",
        "Adjunto le remito los documentos firmados. Quedo a su disposición para cualquier consulta.",
        "Le agradecería que organizara una reunión con nuestro equipo técnico la próxima semana.",
    ),
    formal_close=("Atentamente,", "Reciba un cordial saludo,", "Le saluda atentamente,"),
    casual_greet=("¡Hola {rep_first}!", "Hola {rep_first} 👋", "¡Buenas {rep_first}!"),
    casual_lines=(
        "¡Genial, me va perfecto! ¿Me mandas otra vez la propuesta? 👍",
        "se lo he pasado a mi equipo, te digo algo pronto 😊",
        "¡Guay, gracias! ¿Cuándo te viene bien?",
        "ya está firmado, todo ok 😉",
        "vale, ¿hablamos la semana que viene? 😄",
    ),
    casual_close=("Un abrazo", "¡Nos vemos!", "Besos", "¡Gracias!"),
    price_formal={
        "high": "Sin embargo, el precio está muy por encima de nuestro presupuesto; necesitaríamos un descuento "
        "considerable para continuar.",
        "medium": "El precio nos parece aceptable; ¿sería posible incluir la formación inicial?",
        "low": "El precio no es lo que más nos preocupa; la fiabilidad y la fecha de implantación son mucho más "
        "importantes.",
    },
    price_casual={
        "high": "la verdad es que es carísimo para nosotros, ¿puedes mejorar el precio??",
        "medium": "el precio está bien, ¿me metes la formación también?",
        "low": "el precio no es el tema, la verdad, solo lo necesitamos funcionando el mes que viene 🙂",
    },
    rep_greet="Buenos días, {first} {last}:",
    rep_intro=(
        "Espero que se encuentre bien. Le adjunto nuestra propuesta revisada para su consideración.",
        "Le agradezco el tiempo dedicado en nuestra última llamada. Le envío los detalles de la oferta.",
    ),
    rep_offer=(
        "Tal como hablamos, podemos ofrecerle un descuento exclusivo del {pct} % en la licencia anual si firma "
        "antes de fin de mes."
    ),
    rep_chaser="Me permito hacer seguimiento de mi mensaje anterior y quedo a la espera de sus comentarios.",
    rep_meeting="¿Tendría disponibilidad esta semana para una reunión sobre los próximos pasos?",
    rep_recap="Gracias por la llamada de hoy. Como acordamos, le envío un breve resumen.",
    rep_close="Atentamente,",
    subjects=(
        "Propuesta de renovación",
        "Próximos pasos del despliegue",
        "Su solicitud de presupuesto",
        "Seguimiento del proyecto piloto",
    ),
    re="RE: ",
    fwd="RV: ",
    ooo_subjects=("Respuesta automática: {subj}", "Fuera de la oficina: {subj}"),
    ooo_body=(
        "Gracias por su mensaje. Estaré fuera de la oficina hasta el {date}, con acceso limitado al correo. "
        "Para asuntos urgentes, póngase en contacto con {colleague}.\n\nUn saludo,\n{name}"
    ),
    mobile_sig="Enviado desde mi iPhone",
    disclaimer=(
        "AVISO DE CONFIDENCIALIDAD: Este mensaje y sus anexos son confidenciales y se dirigen exclusivamente a "
        "su destinatario. Si usted lo ha recibido por error, le rogamos que lo comunique al remitente y lo "
        "elimine."
    ),
    days_short=("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
    days_full=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    months_short=("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
    months_full=(
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    gmail="El {D}, {d} {M} {Y} a las {hm}, {rep} (<{email}>) escribió:",
    apple="El {d} {M} {Y}, a las {hm}, {rep} <{email}> escribió:",
    thunderbird="El {d}/{m}/{y} a las {hm}, {rep} escribió:",
    outlook=("-----Mensaje original-----", "De:", "Enviado:", "Para:", "Asunto:"),
    outlook_sent="{DD}, {d} de {MM} de {Y} {hm}",
    forward="---------- Forwarded message ---------",
)

PT = Lang(
    code="pt",
    formal_greet=("Prezado Sr. {rep_last},", "Caro Senhor {rep_last},", "Exmo. Sr. {rep_last},"),
    formal_lines=(
        "Agradeço a sua mensagem. Poderia o senhor enviar-me a proposta revista?",
        "Encaminhei a sua proposta à nossa diretoria e entrarei em contato em breve.",
        "O senhor poderia, por gentileza, confirmar a data de entrega?",
        "Segue em anexo a documentação assinada. Fico à sua disposição para quaisquer esclarecimentos.",
        "Agradeceria se o senhor pudesse agendar uma reunião com a nossa equipe técnica na próxima semana.",
    ),
    formal_close=("Atenciosamente,", "Cordiais cumprimentos,", "Com os melhores cumprimentos,"),
    casual_greet=("Oi {rep_first}!", "E aí {rep_first}, tudo bem?", "Olá {rep_first} 👋"),
    casual_lines=(
        "Beleza, pra mim tá ótimo! Pode me mandar a proposta de novo? 👍",
        "mandei pro meu time, te falo logo 😊",
        "Valeu! Quando você tá livre?",
        "já assinei, tudo certo!",
        "show, bora falar semana que vem? 😄",
    ),
    casual_close=("Abraço", "Abs", "Valeu!", "Bjs"),
    price_formal={
        "high": "No entanto, o preço está muito acima do nosso orçamento; precisaríamos de um desconto "
        "significativo para prosseguir.",
        "medium": "O preço é aceitável para nós; seria possível incluir o treinamento inicial?",
        "low": "O preço não é a nossa principal preocupação; a confiabilidade e a data de implantação importam "
        "muito mais.",
    },
    price_casual={
        "high": "sinceramente tá caro demais pra gente, dá pra melhorar o preço??",
        "medium": "o preço tá ok, dá pra incluir o treinamento?",
        "low": "preço não é o problema não, a gente só precisa disso rodando mês que vem 🙂",
    },
    rep_greet="Bom dia, {first} {last},",
    rep_intro=(
        "Espero que esteja bem. Segue em anexo a nossa proposta revista para sua análise.",
        "Agradeço o seu tempo na nossa última conversa. Conforme prometido, envio os detalhes da oferta.",
    ),
    rep_offer=(
        "Conforme conversado, podemos oferecer-lhe um desconto exclusivo de {pct}% na licença anual caso "
        "assine até o fim do mês."
    ),
    rep_chaser="Venho por este meio dar seguimento à minha mensagem abaixo e aguardo o seu retorno.",
    rep_meeting="Teria disponibilidade esta semana para uma reunião sobre os próximos passos?",
    rep_recap="Obrigado pela chamada de hoje. Conforme combinado, segue um breve resumo.",
    rep_close="Atenciosamente,",
    subjects=(
        "Proposta de renovação",
        "Próximos passos da implantação",
        "Sua solicitação de orçamento",
        "Acompanhamento do projeto piloto",
    ),
    re="RES: ",
    fwd="ENC: ",
    ooo_subjects=("Resposta automática: {subj}", "Ausência temporária: {subj}"),
    ooo_body=(
        "Obrigado pela sua mensagem. Estarei ausente do escritório até {date}, com acesso limitado ao e-mail. "
        "Em caso de urgência, contate {colleague}.\n\nAtenciosamente,\n{name}"
    ),
    mobile_sig="Enviado do meu iPhone",
    disclaimer=(
        "Esta mensagem e seus anexos são confidenciais e destinados exclusivamente ao destinatário. Caso a "
        "tenha recebido por engano, por favor informe o remetente e apague-a."
    ),
    days_short=("seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."),
    days_full=("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"),
    months_short=("jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."),
    months_full=(
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    gmail="Em {D}, {d} de {M} de {Y} às {hm}, {rep} <{email}> escreveu:",
    apple="Em {d} de {M} de {Y}, à(s) {hm}, {rep} <{email}> escreveu:",
    thunderbird="Em {dd}/{m}/{Y} {hm}, {rep} escreveu:",
    outlook=("-----Mensagem original-----", "De:", "Enviada em:", "Para:", "Assunto:"),
    outlook_sent="{DD}, {d} de {MM} de {Y} {hm}",
    forward="---------- Forwarded message ---------",
)

IT = Lang(
    code="it",
    formal_greet=("Gentile Sig. {rep_last},", "Egregio Dott. {rep_last},", "Gentile Dottor {rep_last},"),
    formal_lines=(
        "La ringrazio per il Suo messaggio. Potrebbe cortesemente inviarmi la proposta aggiornata?",
        "Ho inoltrato la Sua offerta alla nostra direzione e Le farò sapere a breve.",
        "Le sarei grato se potesse confermarmi la data di consegna.",
        "In allegato Le invio i documenti firmati. Resto a Sua disposizione per qualsiasi chiarimento.",
        "Potrebbe gentilmente organizzare un incontro con il nostro team tecnico la prossima settimana?",
    ),
    formal_close=("Cordiali saluti,", "Distinti saluti,", "La saluto cordialmente,"),
    casual_greet=("Ciao {rep_first}!", "Ehi {rep_first},", "Ciao {rep_first} 👋"),
    casual_lines=(
        "Perfetto, per me va benissimo! Mi rimandi la proposta? 👍",
        "l'ho girata al mio team, ti faccio sapere presto 😊",
        "Grande, grazie! Quando sei libero?",
        "firmato, tutto ok!",
        "dai, ci sentiamo la settimana prossima? 😄",
    ),
    casual_close=("Un abbraccio", "A presto!", "Ciao ciao", "Grazie mille!"),
    price_formal={
        "high": "Tuttavia il prezzo è ben al di sopra del nostro budget; avremmo bisogno di uno sconto consistente "
        "per procedere.",
        "medium": "Il prezzo per noi è accettabile; sarebbe possibile includere la formazione iniziale?",
        "low": "Il prezzo non è la nostra preoccupazione principale; affidabilità e data di avvio contano molto "
        "di più.",
    },
    price_casual={
        "high": "sinceramente è troppo caro per noi, puoi fare qualcosa sul prezzo??",
        "medium": "il prezzo va bene, mi aggiungi anche la formazione?",
        "low": "il prezzo non è il problema, ci serve solo che parta il mese prossimo 🙂",
    },
    rep_greet="Buongiorno {first} {last},",
    rep_intro=(
        "spero che stia bene. In allegato trova la nostra proposta aggiornata.",
        "La ringrazio per il tempo dedicatoci nell'ultima telefonata. Come promesso, Le invio i dettagli.",
    ),
    rep_offer=(
        "Come concordato, possiamo offrirLe uno sconto esclusivo del {pct}% sulla licenza annuale se firma entro "
        "la fine del mese."
    ),
    rep_chaser="mi permetto di ricontattarLa in merito al mio messaggio qui sotto.",
    rep_meeting="Avrebbe tempo questa settimana per un incontro sui prossimi passi?",
    rep_recap="grazie per la telefonata di oggi. Come concordato, ecco un breve riepilogo.",
    rep_close="Cordiali saluti,",
    subjects=("Proposta di rinnovo", "Prossimi passi per il rollout", "Richiesta di preventivo", "Progetto pilota"),
    re="R: ",
    fwd="I: ",
    ooo_subjects=("Risposta automatica: {subj}", "Fuori sede: {subj}"),
    ooo_body=(
        "Grazie per il Suo messaggio. Sarò fuori ufficio fino al {date} compreso, con accesso limitato alla posta. "
        "Per urgenze può rivolgersi a {colleague}.\n\nCordiali saluti,\n{name}"
    ),
    mobile_sig="Inviato da iPhone",
    disclaimer=(
        "Le informazioni contenute in questa e-mail sono riservate e destinate esclusivamente al destinatario. "
        "Se ha ricevuto questo messaggio per errore, La preghiamo di avvisare il mittente e di cancellarlo."
    ),
    days_short=("lun", "mar", "mer", "gio", "ven", "sab", "dom"),
    days_full=("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    months_short=("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
    months_full=(
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    gmail="Il giorno {D} {d} {M} {Y} alle ore {hm} {rep} <{email}> ha scritto:",
    apple="Il giorno {d} {M} {Y}, alle ore {hm}, {rep} <{email}> ha scritto:",
    thunderbird="Il {dd}/{m}/{y} {hm}, {rep} ha scritto:",
    outlook=("-----Messaggio originale-----", "Da:", "Inviato:", "A:", "Oggetto:"),
    outlook_sent="{DD} {d} {MM} {Y} {hm}",
    forward="---------- Forwarded message ---------",
)

NL = Lang(
    code="nl",
    formal_greet=("Geachte heer {rep_last},", "Geachte heer {rep_first} {rep_last},", "Beste heer {rep_last},"),
    formal_lines=(
        "Hartelijk dank voor uw bericht. Zou u mij het herziene voorstel kunnen toesturen?",
        "Ik heb uw voorstel aan onze directie doorgestuurd en kom zo spoedig mogelijk bij u terug.",
        "Kunt u mij de leverdatum bevestigen?",
        "In de bijlage vindt u de ondertekende documenten. Voor vragen ben ik uiteraard bereikbaar.",
        "Ik zou het op prijs stellen als u volgende week een afspraak met ons technische team kunt plannen.",
    ),
    formal_close=("Met vriendelijke groet,", "Hoogachtend,", "Met vriendelijke groeten,"),
    casual_greet=("Hoi {rep_first}!", "Hey {rep_first},", "Hallo {rep_first} 👋"),
    casual_lines=(
        "Top, dat komt mij prima uit! Kun je het voorstel nog even sturen? 👍",
        "heb het naar mijn team gestuurd, ik laat je snel wat weten 😊",
        "Super, bedankt! Wanneer heb jij tijd?",
        "is getekend, helemaal goed!",
        "zullen we volgende week even bellen? 😄",
    ),
    casual_close=("Groetjes", "Doei!", "Thnx!", "Gr."),
    price_formal={
        "high": "De prijs ligt echter ruim boven ons budget; wij hebben een aanzienlijke korting nodig om verder "
        "te gaan.",
        "medium": "De prijs is voor ons acceptabel; zou het mogelijk zijn de introductietraining mee te nemen?",
        "low": "De prijs is voor ons niet doorslaggevend; betrouwbaarheid en de startdatum zijn veel belangrijker.",
    },
    price_casual={
        "high": "eerlijk gezegd is het veel te duur voor ons, kan er nog iets af van de prijs??",
        "medium": "prijs is prima, kun je de training er nog bij doen?",
        "low": "de prijs is niet echt het punt hoor, we willen het gewoon volgende maand live hebben 🙂",
    },
    rep_greet="Geachte {first} {last},",
    rep_intro=(
        "Ik hoop dat het goed met u gaat. In de bijlage vindt u ons herziene voorstel.",
        "Dank voor uw tijd tijdens ons laatste gesprek. Zoals beloofd stuur ik u de details van ons aanbod.",
    ),
    rep_offer=(
        "Zoals besproken kunnen wij u een exclusieve korting van {pct}% op de jaarlicentie aanbieden als u voor "
        "het einde van de maand tekent."
    ),
    rep_chaser="Graag kom ik terug op mijn onderstaande bericht; ik zie uw reactie graag tegemoet.",
    rep_meeting="Heeft u deze week tijd voor een afspraak over de volgende stappen?",
    rep_recap="Dank voor het telefoongesprek van vandaag. Zoals afgesproken een korte samenvatting.",
    rep_close="Met vriendelijke groet,",
    subjects=("Voorstel verlenging", "Volgende stappen uitrol", "Uw offerteaanvraag", "Opvolging pilotproject"),
    re="Antw: ",
    fwd="Doorst: ",
    ooo_subjects=("Automatisch antwoord: {subj}", "Afwezig: {subj}"),
    ooo_body=(
        "Bedankt voor uw bericht. Ik ben afwezig tot en met {date} en heb beperkt toegang tot mijn e-mail. "
        "Voor dringende zaken kunt u contact opnemen met {colleague}.\n\nMet vriendelijke groet,\n{name}"
    ),
    mobile_sig="Verzonden vanaf mijn iPhone",
    disclaimer=(
        "De informatie in dit e-mailbericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde. "
        "Indien u dit bericht onterecht ontvangt, wordt u verzocht de afzender te informeren en het bericht "
        "te verwijderen."
    ),
    days_short=("ma", "di", "wo", "do", "vr", "za", "zo"),
    days_full=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    months_short=("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    months_full=(
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    gmail="Op {D} {d} {M} {Y} om {hm} schreef {rep} <{email}>:",
    apple="Op {d} {M} {Y} om {hm} heeft {rep} <{email}> het volgende geschreven:",
    thunderbird="Op {dd}-{m}-{Y} om {hm} schreef {rep}:",
    outlook=("-----Oorspronkelijk bericht-----", "Van:", "Verzonden:", "Aan:", "Onderwerp:"),
    outlook_sent="{DD} {d} {MM} {Y} {hm}",
    forward="---------- Forwarded message ---------",
)

LANG: dict[str, Lang] = {lang.code: lang for lang in (EN, DE, FR, ES, PT, IT, NL)}

# People and companies per language (behaviour is planted independently of all of these).
NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("Olivia", "Bennett"), ("James", "Whitaker"), ("Priya", "Shah"), ("Daniel", "Okafor"), ("Emma", "Lowe")),
    "de": (
        ("Jonas", "Weber"),
        ("Katrin", "Hoffmann"),
        ("Matthias", "Krüger"),
        ("Sabine", "Wolff"),
        ("Lukas", "Brandt"),
    ),
    "fr": (
        ("Camille", "Durand"),
        ("Julien", "Moreau"),
        ("Élodie", "Lefèvre"),
        ("Antoine", "Girard"),
        ("Chloé", "Roux"),
    ),
    "es": (("Lucía", "García"), ("Javier", "Morales"), ("Carmen", "Ruiz"), ("Pablo", "Navarro"), ("Marta", "Ortega")),
    "pt": (("João", "Silva"), ("Beatriz", "Costa"), ("Rafael", "Almeida"), ("Ana", "Ferreira"), ("Tiago", "Sousa")),
    "it": (("Giulia", "Romano"), ("Marco", "Ricci"), ("Francesca", "Greco"), ("Luca", "Bianchi"), ("Sara", "Conti")),
    "nl": (("Sanne", "de Vries"), ("Bram", "Jansen"), ("Lotte", "Bakker"), ("Daan", "Visser"), ("Eva", "Smit")),
}
COMPANIES: dict[str, tuple[tuple[str, str], ...]] = {  # name, web domain
    "en": (("Northwind Traders", "northwind.example"), ("Bluefin Logistics", "bluefin.example.co.uk")),
    "de": (("Nordlicht GmbH", "nordlicht.example.de"), ("Alpenstahl AG", "alpenstahl.example.de")),
    "fr": (("Groupe Lumière SA", "lumiere.example.fr"), ("Atelier Bastide", "bastide.example.fr")),
    "es": (("Soluciones Iberia S.L.", "iberia.example.es"), ("Grupo Mediterráneo", "mediterraneo.example.es")),
    "pt": (("Tejo Sistemas Lda.", "tejo.example.pt"), ("Verde Brasil Ltda.", "verde.example.com.br")),
    "it": (("Officine Adriatiche S.p.A.", "adriatiche.example.it"), ("Studio Lombardo", "lombardo.example.it")),
    "nl": (("Polder Techniek B.V.", "polder.example.nl"), ("Grachten Groep", "grachten.example.nl")),
}
TITLES: dict[str, tuple[str, ...]] = {
    "en": ("Head of Procurement", "IT Director", "VP Operations"),
    "de": ("Leiter Einkauf", "IT-Leiterin", "Geschäftsführer"),
    "fr": ("Directrice des achats", "Responsable informatique", "Directeur financier"),
    "es": ("Director de Compras", "Responsable de TI", "Directora Financiera"),
    "pt": ("Gerente de Compras", "Diretor de TI", "Diretora Financeira"),
    "it": ("Responsabile Acquisti", "Direttore IT", "Direttrice Amministrativa"),
    "nl": ("Hoofd Inkoop", "IT-manager", "Financieel directeur"),
}
PHONES: dict[str, tuple[str, ...]] = {  # several formats a signature shows
    "en": ("+1 (415) 555-0134", "(212) 555-0187 ext. 204", "+44 20 7946 0958", "415.555.0199"),
    "de": ("+49 (0)30 1234 5678", "Tel. 030/12345-67", "+49 171 2345678", "0049 89 998877"),
    "fr": ("+33 1 23 45 67 89", "01 42 68 53 00", "+33 (0)6 12 34 56 78"),
    "es": ("+34 912 345 678", "91 234 56 78", "+34 612-345-678"),
    "pt": ("+351 21 123 4567", "+55 (11) 91234-5678", "(21) 3456-7890"),
    "it": ("+39 02 1234 5678", "+39 333 123 4567", "06 1234567"),
    "nl": ("+31 (0)20 123 4567", "06-12345678", "+31 6 1234 5678"),
}
TZ_HOURS: dict[str, tuple[int, ...]] = {
    "en": (-5, 0, -8),
    "de": (1,),
    "fr": (1,),
    "es": (1,),
    "pt": (0, -3),
    "it": (1,),
    "nl": (1,),
}
REPS = (("Sam", "Carter"), ("Daniel", "Brooks"), ("Tom", "Fischer"))
OUR_DOMAIN = "acme-analytics.example"
