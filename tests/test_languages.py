"""Clippings in the languages declutter has lexicons for: the article stays whole, the chrome goes."""

import pytest

import declutter

# Per language: menu lines its lexicon knows, a headline, and sentences of an article (written
# for these tests), which are repeated into paragraphs.
PAGES = {
    "de": (["Zum Inhalt springen", "Startseite", "Suche", "Impressum"], "Neue Brücke über den Rhein eröffnet",
           ["Die Stadt hat am Montag die neue Brücke über den Rhein für den Verkehr freigegeben.",
            "Nach vier Jahren Bauzeit können Fußgänger und Radfahrer den Fluss nun schneller überqueren.",
            "Der Bürgermeister sagte, dass die Brücke auch für die Wirtschaft der Region wichtig sei."]),
    "fr": (["Aller au contenu", "Accueil", "Rechercher", "Mentions légales"], "La ville ouvre un nouveau pont",
           ["La ville a ouvert lundi le nouveau pont sur le fleuve après quatre ans de travaux.",
            "Les piétons et les cyclistes peuvent désormais traverser plus vite pour aller au travail.",
            "Le maire a déclaré que ce pont était aussi très important pour l'économie de la région."]),
    "es": (["Saltar al contenido", "Inicio", "Buscar", "Aviso legal"], "La ciudad abre un nuevo puente",
           ["La ciudad abrió el lunes el nuevo puente sobre el río después de cuatro años de obras.",
            "Los peatones y los ciclistas ya pueden cruzar más rápido para ir a su trabajo cada día.",
            "El alcalde dijo que el puente también es muy importante para la economía de la región."]),
    "pt": (["Pular para o conteúdo", "Página inicial", "Buscar", "Política de privacidade"],
           "A cidade abre uma nova ponte",
           ["A cidade abriu na segunda-feira a nova ponte sobre o rio depois de quatro anos de obras.",
            "Os pedestres e os ciclistas já podem atravessar mais depressa para chegar ao trabalho.",
            "O prefeito disse que a ponte também é muito importante para a economia da região."]),
    "it": (["Vai al contenuto", "Home", "Cerca", "Chi siamo"], "La città apre un nuovo ponte",
           ["La città ha aperto lunedì il nuovo ponte sul fiume dopo quattro anni di lavori.",
            "I pedoni e i ciclisti possono ora attraversare più velocemente per andare al lavoro.",
            "Il sindaco ha detto che il ponte è anche molto importante per l'economia della regione."]),
    "ru": (["Перейти к содержимому", "Главная", "Поиск", "Реклама:"], "В городе открыли новый мост",
           ["В понедельник в городе открыли новый мост через реку после четырёх лет строительства.",
            "Теперь пешеходы и велосипедисты могут быстрее добираться до работы и обратно домой.",
            "Мэр сказал, что этот мост очень важен и для экономики всего региона, и для жителей."]),
    "nb": (["Hopp til hovedinnholdet", "Forsiden", "Søk", "Personvern"], "Byen åpner en ny bro over elva",
           ["Byen åpnet mandag den nye broen over elva etter fire år med byggearbeid.",
            "Nå kan folk som går og sykler komme seg raskere til jobben hver eneste dag.",
            "Ordføreren sa at broen også er svært viktig for næringslivet i hele regionen."]),
    "da": (["Spring til hovedindhold", "Forside", "Søg", "Privatlivspolitik"], "Byen åbner en ny bro over åen",
           ["Byen åbnede mandag den nye bro over åen efter fire års byggeri og mange forsinkelser.",
            "Nu kan fodgængere og cyklister komme hurtigere på arbejde hver eneste dag i ugen.",
            "Borgmesteren sagde, at broen også er meget vigtig for erhvervslivet i hele regionen."]),
    "sv": (["Hoppa till huvudinnehållet", "Startsida", "Sök", "Integritetspolicy"], "Staden öppnar en ny bro",
           ["Staden öppnade i måndags den nya bron över älven efter fyra års byggande.",
            "Nu kan fotgängare och cyklister ta sig snabbare till jobbet varje dag i veckan.",
            "Kommunalrådet sade att bron också är mycket viktig för näringslivet i hela regionen."]),
    "pl": (["Przejdź do treści", "Strona główna", "Szukaj", "Polityka prywatności"], "Miasto otwiera nowy most",
           ["Miasto otworzyło w poniedziałek nowy most na rzece po czterech latach budowy.",
            "Piesi i rowerzyści mogą teraz szybciej dojechać do pracy każdego dnia tygodnia.",
            "Prezydent miasta powiedział, że most jest też bardzo ważny dla gospodarki regionu."]),
    "nl": (["Naar de inhoud", "Home", "Zoeken", "Privacyverklaring"], "De stad opent een nieuwe brug",
           ["De stad heeft maandag de nieuwe brug over de rivier geopend na vier jaar bouwen.",
            "Voetgangers en fietsers kunnen nu sneller naar hun werk, elke dag van de week.",
            "De burgemeester zei dat de brug ook heel belangrijk is voor de economie van de regio."]),
}


def article(language: str) -> tuple[str, list[str]]:
    """A language's headline and six paragraphs made of its sentences (each starting elsewhere)."""
    _, headline, sentences = PAGES[language]
    return headline, [" ".join(sentences[i:] + sentences[:i]) for i in range(len(sentences))] * 2


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_clipping_keeps_its_article_and_drops_the_lexicon_chrome(language):
    menu = PAGES[language][0]
    headline, paragraphs = article(language)
    clip = "\n".join(menu) + f"\n\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n\n" + menu[-1] + "\n"
    result = declutter.extract(clip)
    assert result.language == language
    text = result.text
    assert all(paragraph in text for paragraph in paragraphs)
    assert text.splitlines()[0] == headline
    assert not any(line in menu for line in text.splitlines())


def test_a_german_teaser_with_its_link_is_dropped_inside_the_article():
    headline, paragraphs = article("de")
    teasers = ["Feuerwehrleute protestieren vor dem Landtag gegen den späteren Ruhestand | mehr",
               "Löschen, Retten, Rente: Wann gehen Feuerwehrleute in Pension? | audio"]
    clip = f"{headline}\n\n" + "\n\n".join(paragraphs[:3] + teasers + paragraphs[3:]) + "\n"
    text = declutter.clean(clip)
    assert all(paragraph in text for paragraph in paragraphs)
    assert not any(teaser in text for teaser in teasers)


def test_a_german_dateline_whose_day_looks_like_a_list_number_is_dropped():
    headline, paragraphs = article("de")
    datelines = ["12. MÄR 2025 18:03", "3. Juni 2024", "30. Juni 2025,", "15:59 Uhr"]
    clip = (f"{headline}\n\n{datelines[0]}\n\n" + "\n\n".join(paragraphs) + f"\n\n{datelines[1]}\n\n"
            + "\n".join(datelines[2:]) + "\n")
    result = declutter.extract(clip)
    assert all(paragraph in result.text for paragraph in paragraphs)
    assert all(b.reason.stage == "generic rules" for b in result.blocks if b.text in datelines)
    assert not any(line in result.text for line in datelines)


def test_an_embeds_consent_box_inside_a_german_article_is_dropped_and_does_not_split_it():
    headline, paragraphs = article("de")
    box = ["Der Artikel für Sie zusammengefasst", "Diese Zusammenfassung wurde künstlich erzeugt.",
           "Werbung überspringen", "Empfohlener redaktioneller Inhalt",
           "An dieser Stelle finden Sie einen externen Inhalt, der den Artikel ergänzt.",
           "Externen Inhalt anzeigen",
           "Ich bin damit einverstanden, dass mir der externe Inhalt angezeigt wird. Damit können "
           "personenbezogene Daten an Drittplattformen übermittelt werden."]
    clip = f"{headline}\n\n" + "\n\n".join(paragraphs[:2] + box + paragraphs[2:]) + "\n"
    result = declutter.extract(clip)
    assert all(paragraph in result.text for paragraph in paragraphs)
    assert not any(line in result.text for line in box)
    assert "line of a box inside the article" in {b.reason.detail for b in result.blocks if b.text in box}
    assert all(b.reason.stage == "generic rules" for b in result.blocks if b.text in box)


@pytest.mark.parametrize("language, label", [("it", "Pubblicità"), ("de", "Anzeige"), ("pl", "Reklama"),
                                             ("es", "Publicidad")])
def test_an_ad_label_between_paragraphs_is_dropped_as_a_box_and_the_article_stays_whole(language, label):
    headline, paragraphs = article(language)
    clip = f"{headline}\n\n" + "\n\n".join(paragraphs[:1] + [label] + paragraphs[1:]) + "\n"
    result = declutter.extract(clip)
    assert all(paragraph in result.text for paragraph in paragraphs)
    assert [b.reason.detail for b in result.blocks if b.text == label] == ["line of a box inside the article"]


@pytest.mark.parametrize("language, widgets", [
    ("de", ["Teilen Merken Drucken", "Jetzt Anmelden!",
            "Mit meiner Anmeldung zum Newsletter stimme ich der Werbevereinbarung zu.", "weitere Videos",
            "vor 2 Std.", "Jetzt weiterlesen mit BZ+", "4 Wochen für nur 1 € testen", "Fehler gefunden?",
            "Quelle: F.A.Z. Artikelrechte erwerben", "Folgst du schon 20 Minuten auf Whatsapp?",
            "Die Kommentarfunktionalität ist um diese Uhrzeit deaktiviert."]),
    ("fr", ["Ajouter à vos sélections", "Pour ajouter l’article à vos sélections", "identifiez-vous",
            "S’inscrire gratuitement", "Vous possédez déjà un compte ?"]),
    ("nb", ["Annonsørinnhold", "Annonse"]),
    ("pt", ["Whatsapp Facebook Pint Baixar", "Compartilhar Copiar"]),
])
def test_an_articles_widgets_are_dropped_by_the_rules_and_the_article_stays_whole(language, widgets):
    headline, paragraphs = article(language)
    half = len(widgets) // 2
    clip = f"{headline}\n\n" + "\n\n".join(paragraphs[:2] + widgets[:half] + paragraphs[2:4] + widgets[half:]
                                           + paragraphs[4:]) + "\n"
    result = declutter.extract(clip)
    assert all(paragraph in result.text for paragraph in paragraphs)
    assert all(b.reason.stage == "generic rules" for b in result.blocks if b.text in widgets)


def test_a_german_sentence_that_names_the_comments_is_no_comments_notice():
    _, headline, sentences = PAGES["de"]
    about = ("Die Zeitung hat ihre Kommentarfunktion nach vielen Hassbotschaften abgeschaltet, sagte die "
             "Chefredakteurin am Montag.")
    clip = f"{headline}\n\n" + "\n\n".join([" ".join(sentences), about, " ".join(sentences[::-1])]) + "\n"
    result = declutter.extract(clip)
    assert about in result.text
    assert not any(b.reason.stage == "generic rules" for b in result.blocks if b.text == about)


def test_a_portuguese_subheading_after_sobre_is_no_about_the_author_marker():
    headline, paragraphs = article("pt")
    clip = f"{headline}\n\n" + "\n\n".join([*paragraphs[:5], "Sobre nosso bairro", paragraphs[5]]) + "\n"
    result = declutter.extract(clip)
    assert paragraphs[5] in result.text  # the section under the subheading
    assert not any(b.reason and "end marker" in b.reason.detail for b in result.blocks)


def test_a_pages_language_is_the_same_whatever_was_detected_before_it():
    from declutter import language

    german = ["Die Gewerkschaft hat einen neuen Streik bei der Bahn angekündigt, der am Mittwoch beginnt.",
              "Im Güterverkehr beginnt der Ausstand bereits am Dienstagabend, teilte die Gewerkschaft mit.",
              "Die Bahn nannte den Streik unverhältnismäßig und forderte eine Rückkehr an den Verhandlungstisch."]
    french = ["Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites au conseil.",
              "Les syndicats ont appelé à une nouvelle journée de mobilisation dans toute la France.",
              "La première ministre a défendu le texte devant les députés, qui doivent en débattre en janvier."]
    fresh = {}
    for lines in (german, french, german[1:], french[:2] + german[:1]):
        language._LINE_COUNTS.clear()
        language._LAST_WORDS[0] = {}
        fresh[tuple(lines)] = language.language_of(lines)
    # The same pages again, each after the others: the words remembered from the page before (its
    # settle pass asks about a part of it) never change a later page's answer.
    for lines in (german, german[1:], french, french[:2] + german[:1], german):
        assert language.language_of(lines) == fresh[tuple(lines)]
    assert fresh[tuple(german)] == "de" and fresh[tuple(french)] == "fr"


@pytest.mark.parametrize(("text", "code"), [
    ("Vilniaus miesto savivaldybė pirmadienį atidarė naują tiltą per upę. Statybos truko ketverius metus, o "
     "dviratininkai ir pėstieji dabar gali greičiau pasiekti darbą. Meras sakė, kad tiltas yra labai svarbus "
     "regiono ekonomikai ir visiems miesto gyventojams, kurie juo naudosis kiekvieną dieną.", "lt"),
    ("気象庁は19日、東京都心で桜が開花したと発表しました。平年より5日早く、去年より10日早い開花です。"
     "満開はおよそ1週間後の見込みで、週末には各地の公園で花見を楽しむ人の姿が見られそうです。", "ja"),
    ("市政府星期一开通了一座横跨河流的新桥。经过四年的建设，行人和骑自行车的人现在可以更快地到达工作地点。"
     "市长表示，这座桥对整个地区的经济也非常重要。", "zh"),
    ("시는 월요일 강을 가로지르는 새 다리를 개통했다. 4년간의 공사 끝에 보행자와 자전거 이용자들은 이제 더 빨리 "
     "직장에 갈 수 있게 됐다. 시장은 이 다리가 지역 경제에도 매우 중요하다고 말했다.", "ko"),
    # English on a phone maker's page: a small stoplist that holds "nokia", "mobile" and "windows"
    # (and English's own "on", "for", "the") is no better a match than English.
    ("\n".join(["Nokia N96 Software Update | Mobile Tools", "Home", "Applications", "Subscribe", "Contact",
                "Nokia N96 Software Update", "Posted on December 11 in Firmware Updates.",
                "Nokia has just released the latest software update for the Nokia N96. It is available on Nokia "
                "Software Updater.",
                "The changelog is not available yet. We will post the list of the new features here as soon as we "
                "have it.",
                "Related Posts", *[f"Nokia N{n} Software Update - v{n}.0.1" for n in range(70, 96, 2)],
                "Leave a Reply", "Mobile tools for Windows", "Nokia mobile applications (16)", "Windows mobile (8)"]),
     "en"),
])
def test_a_language_is_named_by_its_iso_code_and_its_own_stoplist_read(text, code):
    from declutter.language import detect_language, stoplist

    assert detect_language(text) == code
    if code not in ("ja", "zh", "en"):  # no stoplist of their own for unspaced words
        assert stoplist(code) != stoplist("en")


def test_a_german_sections_mehr_heading_is_boilerplate_and_a_german_sentence_starting_with_mehr_is_not():
    story = ("Die Stadt hat am Montag beschlossen, die Straßenbahn bis zum neuen Viertel im Norden zu verlängern. "
             "Der Bau soll im kommenden Frühjahr beginnen und zwei Jahre dauern, teilte die Verwaltung mit.")
    for heading in ("Mehr aus dem Ressort", "Mehr zu Fleischkonsum", "Mehr von CORRECTIV", "Mehr News", "Mehr"):
        block = declutter.extract("\n\n".join([story, heading, story.replace("Montag", "Dienstag")])).blocks[1]
        assert block.reason is not None and block.reason.detail == "boilerplate line", heading
    for sentence in ("Mehr als 300 Menschen kamen am Abend zur Versammlung im Rathaus.", "Mehr zu sagen gab es nicht."):
        block = declutter.extract("\n\n".join([story, sentence])).blocks[1]
        assert block.reason is None or block.reason.stage != "generic rules", sentence


def test_german_broadcasters_notes_media_times_counts_and_a_blogs_buttons_are_no_article_lines():
    story = ("Die Stadt hat am Montag beschlossen, die Straßenbahn bis zum neuen Viertel im Norden zu verlängern. "
             "Der Bau soll im kommenden Frühjahr beginnen und zwei Jahre dauern, teilte die Verwaltung mit.")
    for line, detail in (("Sendung: Antenne Brandenburg, 24.04.2024, 15:10 Uhr", "boilerplate line"),
                         ("WDR Studios NRW. 22.04.2024. 00:21 Min.. Verfügbar bis 22.04.2026. WDR Online.",
                          "boilerplate line"),
                         ("Nach dem Gipfel in Brüssel wurden schärfere Sanktionen beschlossen. 18.04.2024 | 0:21 min",
                          "line of a box inside the article"),
                         ("Video 02:53 21.01.2023", "boilerplate line"), ("01:48 min", "boilerplate line"),
                         ("Kommentare: 45, Empfehlungen: 8", "boilerplate line"),
                         ("Kopiere den aktuellen Link", "boilerplate line"),
                         ("Geschrieben am 15. April 2025 in Nachrichten", "boilerplate line"),
                         ("Klick, um auf Facebook zu teilen (Wird in neuem Fenster geöffnet)", "boilerplate line"),
                         ("Kommentar hinzufügen Antworten abbrechen", "boilerplate line"),
                         ("Du musst angemeldet sein, um einen Kommentar abzugeben.", "boilerplate line"),
                         ("Heute, 12:37 Uhr", "boilerplate line"),
                         ("27. Januar 2026 • Gregor Meier • 3 Minuten", "boilerplate line"),
                         ("Video | Truppen nehmen einen Tanker ein", "boilerplate line"),
                         ("Weitere Informationen", "boilerplate line"),
                         ("SRF 4 News, 15.4.2024, 10:05 Uhr; srf/hosb", "boilerplate line"),
                         ("Do 27.04. 2023 15:17 Uhr 01:00 min", "boilerplate line"),
                         ("Die Zeitungs-App: Nachrichten direkt auf Ihr Smartphone. Hier gratis herunterladen.",
                          "boilerplate line"),
                         ("Der Newsletter zu Energie und Klima für Experten. Hier geht es zur Anmeldung.",
                          "boilerplate line")):
        block = declutter.extract("\n\n".join([story, line, story.replace("Montag", "Dienstag")])).blocks[1]
        assert block.reason is not None and block.reason.detail == detail, line
    for sentence in ("Die Sendung lief am 24.04.2024 um 15:10 Uhr und erreichte mehr Zuschauer als erwartet.",
                     "Die Beiträge sind in der Mediathek bis zum 22.04.2026 verfügbar, teilte der Sender mit.",
                     "Geschrieben am 15. April 2025 in Berlin, erreichte der Brief die Kanzlei erst im Juni.",
                     "Klicken, um die Karte zu vergrößern, reicht auf dem Handy nicht, sagte die Entwicklerin.",
                     "Heute, 12 Jahre nach dem Unglück, erinnert eine Tafel an die Opfer.",
                     "Die Sitzung begann am 15.4.2024 um 10:05 Uhr und endete erst am späten Abend."):
        block = declutter.extract("\n\n".join([story, sentence])).blocks[1]
        assert block.reason is None or block.reason.stage != "generic rules", sentence


def test_a_spanish_pages_more_topics_line_is_boilerplate():
    story = ("La ciudad abrió el lunes el nuevo puente sobre el río después de cuatro años de obras. "
             "Los peatones y los ciclistas ya pueden cruzar más rápido para ir a su trabajo cada día.")
    block = declutter.extract("\n\n".join([story, "Más temas: Puentes Obras Ciudad", story])).blocks[1]
    assert block.reason is not None and block.reason.detail == "boilerplate line"


def test_a_korean_news_pages_time_stamp_photo_button_and_like_request_are_boilerplate():
    story = ["서울시는 올해 여름 더위에 대비해 도심에 나무 2천 그루를 심기로 했다고 밝혔다.",
             "시는 버스 정류장 주변과 큰 도로를 중심으로 그늘을 늘릴 계획이다.",
             "주민들은 오래전부터 더 많은 그늘을 요구해 왔으며, 시는 여름이 오기 전에 공사를 마칠 예정이다.",
             "공사 비용은 모두 120억 원으로, 절반은 정부의 기후 적응 기금에서 지원된다."]
    chrome = ["기사입력 :[ 2018-09-28 17:32 ]", "사진 확대", "이 기사가 마음에 들었다면, 좋아요를 눌러주세요."]
    result = declutter.extract("\n\n".join([story[0], chrome[0], chrome[1], *story[1:], chrome[2]]))
    assert result.language == "ko"
    found = [block for block in result.blocks if block.text in chrome]
    assert len(found) == len(chrome)
    for block in found:
        assert block.reason is not None and block.reason.detail == "boilerplate line", block.text
    assert all(sentence in result.text for sentence in story)


def test_a_french_recipe_step_is_protected_and_another_order_to_the_reader_is_not():
    from declutter.rules import rule_book

    keep = rule_book().lexicons["fr"].text["text_keep"]
    steps = ["Préchauffez le four à 180 °C et étalez la pâte dans un moule.",
             "Faites cuire 40 minutes, jusqu'à ce que la tarte soit bien dorée."]
    orders = ["Faites un don pour soutenir notre journalisme.", "Ajoutez ce site à vos favoris."]
    assert all(any(p.matches(s) for p in keep) for s in steps)
    assert not any(p.matches(s) for p in keep for s in orders)
