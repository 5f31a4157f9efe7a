//! Snippets cut from long fields: the window around a match deep inside a field of thousands of
//! characters, with multi-byte text, full-width forms, line breaks and Mongolian variation
//! selectors (which normalisation drops) before and around it. The expected strings are the
//! output of the first implementation, which normalised the whole field for every hit.

use gongkai_feed::search::{Marked, Query, SearchIndex};
use gongkai_feed::{Block, Document, Feed, Inlines};

fn show(text: &Marked) -> String {
    text.segments()
        .map(|s| {
            if s.marked {
                format!("[{}]", s.text)
            } else {
                s.text.to_string()
            }
        })
        .collect()
}

/// About `chars` characters of filler: Chinese, punctuation, Latin words, full-width digits, a
/// line break, a tab and Mongolian with variation selectors, none of it matching the queries.
fn filler(chars: usize, seed: u64) -> String {
    const PIECES: [&str; 10] = [
        "各地区各部门认真贯彻落实",
        "，",
        "坚持稳中求进工作总基调",
        " open data portal ",
        "２０２３年",
        "\n",
        "ᠮᠣᠩ\u{180B}ᠭᠣᠯ\u{180E}ᠤᠨ",
        "。",
        "\t",
        "Ｗｅｂ服务\u{202F}平台",
    ];
    let mut state = seed | 1;
    let mut out = String::new();
    while out.chars().count() < chars {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
    }
    out
}

fn feed() -> Feed {
    let deep = format!(
        "{}推进政务公开\u{180B}标准化，ＩＰｖ６改造和鬯{}",
        filler(7000, 1),
        filler(3000, 2)
    );
    let late = format!("{}最后一段提到政务公开。", filler(10_000, 3));
    let early = format!("政务公开ipv6开头{}", filler(10_000, 4));
    let para = |text: &str| Block::Paragraph {
        text: Inlines::text(text),
    };
    let doc = |id: &str, body: &str| Document {
        id: id.into(),
        title: format!("{id}文件").as_str().into(),
        agency: "a".into(),
        issued: "2024-01-01".into(),
        body: vec![para(&filler(300, 9)), para(body)],
        ..Document::default()
    };
    Feed {
        documents: vec![doc("deep", &deep), doc("late", &late), doc("early", &early)],
        ..Feed::default()
    }
}

fn snippets(index: &SearchIndex, query: &str) -> Vec<(String, String)> {
    let mut q = Query::new(query);
    q.limit = 10;
    index
        .search(&q)
        .hits
        .into_iter()
        .map(|h| (h.id, show(&h.snippet)))
        .collect()
}

/// Each query with every hit's id and snippet, as the whole-field implementation cut them.
const EXPECTED: &[(&str, &[(&str, &str)])] = &[
(
"政务公开",
&[("deep", "…２０２３年。 。，２０２３年推进[政务公开\u{180b}]标准化，ＩＰｖ６改造和鬯 open data portal   open data portal Ｗｅｂ服务\u{202f}平台…"), ("early", "[政务公开]ipv6开头 ，，。 各地区各部门认真贯彻落实坚持稳中求进工作总基调ᠮᠣᠩ\u{180b}ᠭᠣᠯ\u{180e}ᠤᠨＷｅｂ服务\u{202f}平台坚持稳中求进…"), ("late", "…认真贯彻落实。各地区各部门认真贯彻落实坚持稳中求进工作总基调 open data portal 最后一段提到[政务公开]。")]),
(
"ipv6",
&[("deep", "…年推进政务公开\u{180b}标准化，[ＩＰｖ６]改造和鬯 open data portal   open data portal Ｗｅｂ服务\u{202f}平台    ，， 。 各地区…"), ("early", "政务公开[ipv6]开头 ，，。 各地区各部门认真贯彻落实坚持稳中求进工作总基调ᠮᠣᠩ\u{180b}ᠭᠣᠯ\u{180e}ᠤᠨＷｅｂ服务\u{202f}平台坚持稳中求进…")]),
(
"鬯",
&[("deep", "…务公开\u{180b}标准化，ＩＰｖ６改造和[鬯] open data portal   open data portal Ｗｅｂ服务\u{202f}平台    ，， 。 各地区各部门认真…")]),
(
"鬯 政务",
&[("deep", "…２０２３年。 。，２０２３年推进[政务]公开\u{180b}标准化，ＩＰｖ６改造和[鬯] open data portal   open data portal Ｗｅｂ服务\u{202f}平台…")]),
(
"改造",
&[("deep", "…推进政务公开\u{180b}标准化，ＩＰｖ６[改造]和鬯 open data portal   open data portal Ｗｅｂ服务\u{202f}平台    ，， 。 各地区各部…")]),
(
"最后",
&[("late", "…认真贯彻落实。各地区各部门认真贯彻落实坚持稳中求进工作总基调 open data portal [最后]一段提到政务公开。")]),
(
"开头",
&[("early", "政务公开ipv6[开头] ，，。 各地区各部门认真贯彻落实坚持稳中求进工作总基调ᠮᠣᠩ\u{180b}ᠭᠣᠯ\u{180e}ᠤᠨＷｅｂ服务\u{202f}平台坚持稳中求进…")]),
(
"ipv",
&[("deep", "…年推进政务公开\u{180b}标准化，[ＩＰｖ]６改造和鬯 open data portal   open data portal Ｗｅｂ服务\u{202f}平台    ，， 。 各地区…"), ("early", "政务公开[ipv]6开头 ，，。 各地区各部门认真贯彻落实坚持稳中求进工作总基调ᠮᠣᠩ\u{180b}ᠭᠣᠯ\u{180e}ᠤᠨＷｅｂ服务\u{202f}平台坚持稳中求进…")]),
(
"标准化 ipv6",
&[("deep", "…。 。，２０２３年推进政务公开\u{180b}[标准化]，[ＩＰｖ６]改造和鬯 open data portal   open data portal Ｗｅｂ服务\u{202f}平台    ，， 。…")]),
(
"data 鬯",
&[("deep", "Ｗｅｂ服务\u{202f}平台， open [data] portal  Ｗｅｂ服务\u{202f}平台坚持稳中求进工作总基调，， ２０２３年。Ｗｅｂ服务\u{202f}平台 各地区各部门…")]),
(
"portal",
&[("early", "Ｗｅｂ服务\u{202f}平台， open data [portal]  Ｗｅｂ服务\u{202f}平台坚持稳中求进工作总基调，， ２０２３年。Ｗｅｂ服务\u{202f}平台 各地区各部门…"), ("deep", "Ｗｅｂ服务\u{202f}平台， open data [portal]  Ｗｅｂ服务\u{202f}平台坚持稳中求进工作总基调，， ２０２３年。Ｗｅｂ服务\u{202f}平台 各地区各部门…"), ("late", "Ｗｅｂ服务\u{202f}平台， open data [portal]  Ｗｅｂ服务\u{202f}平台坚持稳中求进工作总基调，， ２０２３年。Ｗｅｂ服务\u{202f}平台 各地区各部门…")]),
(
"ᠭᠣᠯᠤᠨ",
&[("deep", "…，Ｗｅｂ服务\u{202f}平台２０２３年。ᠮᠣᠩ\u{180b}[ᠭᠣᠯ\u{180e}ᠤᠨ]  open data portal Ｗｅｂ服务\u{202f}平台，Ｗｅｂ服务\u{202f}平台。 open data portal Ｗｅｂ服务\u{202f}平…"), ("early", "…，Ｗｅｂ服务\u{202f}平台２０２３年。ᠮᠣᠩ\u{180b}[ᠭᠣᠯ\u{180e}ᠤᠨ]  open data portal Ｗｅｂ服务\u{202f}平台，Ｗｅｂ服务\u{202f}平台。 open data portal Ｗｅｂ服务\u{202f}平…"), ("late", "…，Ｗｅｂ服务\u{202f}平台２０２３年。ᠮᠣᠩ\u{180b}[ᠭᠣᠯ\u{180e}ᠤᠨ]  open data portal Ｗｅｂ服务\u{202f}平台，Ｗｅｂ服务\u{202f}平台。 open data portal Ｗｅｂ服务\u{202f}平…")]),
(
"Web服务",
&[("late", "[Ｗｅｂ服务\u{202f}]平台， open data portal  [Ｗｅｂ服务\u{202f}]平台坚持稳中求进工作总基调，， ２０２３年。[Ｗｅｂ服务\u{202f}]平台 各地区各部门…"), ("early", "[Ｗｅｂ服务\u{202f}]平台， open data portal  [Ｗｅｂ服务\u{202f}]平台坚持稳中求进工作总基调，， ２０２３年。[Ｗｅｂ服务\u{202f}]平台 各地区各部门…"), ("deep", "[Ｗｅｂ服务\u{202f}]平台， open data portal  [Ｗｅｂ服务\u{202f}]平台坚持稳中求进工作总基调，， ２０２３年。[Ｗｅｂ服务\u{202f}]平台 各地区各部门…")]),
];

#[test]
fn deep_matches_in_long_fields_cut_the_same_snippets() {
    let index = SearchIndex::build(&feed());
    for &(query, expected) in EXPECTED {
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|&(id, snippet)| (id.to_string(), snippet.to_string()))
            .collect();
        assert_eq!(snippets(&index, query), expected, "query {query:?}");
    }
}
