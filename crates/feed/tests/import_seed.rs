//! Importing the seed document: the 2019 Inner Mongolia work plan as copied from the web page.

use gongkai_feed::import::{import_text, ImportOptions};
use gongkai_feed::{Block, Document};

const SEED: &str = include_str!("../fixtures/nmg-2019-zhengwu-gongkai-gongzuo-yaodian.txt");

fn seed() -> Document {
    import_text(
        SEED,
        ImportOptions {
            id: "nmg-2019-zwgk-yaodian".into(),
            agency: "nmg-gov-office".into(),
            ..ImportOptions::default()
        },
    )
    .expect("the seed imports")
}

fn headings(doc: &Document) -> Vec<(u8, String)> {
    doc.body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text, .. } => Some((*level, text.plain())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_seed_has_its_five_top_level_headings_in_order() {
    let top: Vec<String> = headings(&seed())
        .into_iter()
        .filter(|(l, _)| *l == 1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        top,
        [
            "一、着眼稳定预期,抓好政策解读和回应关切",
            "二、强化权力监督,深入推进决策和执行公开",
            "三、聚焦政策落实,深化重点领域信息公开",
            "四、优化服务功能,加强公开平台建设",
            "五、提升工作质量,完善公开制度规范",
        ]
    );
}

#[test]
fn the_seed_sub_headings_are_split_from_their_paragraphs_at_level_two() {
    let doc = seed();
    let all = headings(&doc);
    let second: Vec<&str> = all
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(second.len(), 18);
    assert_eq!(second[0], "(一)深入解读重要政策措施");
    assert_eq!(second[10], "(一)推进政府网站(蒙文网站)优质规范发展");
    assert!(second.iter().all(|t| !t.ends_with('。')));
    // The paragraph that was run into the first sub-heading follows it, without the heading.
    let at = doc
        .body
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 2, .. }))
        .unwrap();
    match &doc.body[at + 1] {
        Block::Paragraph { text } => {
            assert!(text.plain().starts_with("围绕自治区2019年政府工作报告"))
        }
        other => panic!("expected a paragraph after the first sub-heading, got {other:?}"),
    }
    assert_eq!(all.iter().filter(|(l, _)| *l > 2).count(), 0);
}

#[test]
fn the_seed_front_matter_is_recognised() {
    let doc = seed();
    assert_eq!(doc.title.zh, "内蒙古自治区2019年政务公开工作要点");
    assert_eq!(doc.issued, "2019-05-28");
    assert_eq!(
        doc.addressees.as_ref().map(|a| a.zh.as_str()),
        Some("各盟行政公署、市人民政府,自治区各委、办、厅、局,各大企业、事业单位:")
    );
    let paragraphs: Vec<String> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.plain()),
            _ => None,
        })
        .collect();
    assert!(paragraphs[0].starts_with("经自治区人民政府同意"));
    assert_eq!(paragraphs[1], "2019年5月28日");
    assert_eq!(paragraphs[2], "(此件公开发布)");
    assert!(paragraphs[3].starts_with("2019年是中华人民共和国成立70周年"));
}

#[test]
fn the_web_page_debris_after_the_seed_is_dropped() {
    let doc = seed();
    match doc.body.last() {
        Some(Block::Paragraph { text }) => {
            assert!(text
                .plain()
                .starts_with("各地区、各部门贯彻落实本要点的主要情况"))
        }
        other => panic!("expected the closing paragraph last, got {other:?}"),
    }
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("上一条") && !json.contains("下一条"));
}

#[test]
fn a_given_title_keeps_the_printed_title_line_in_the_body() {
    let doc = import_text(
        SEED,
        ImportOptions {
            id: "nmg-2019-zwgk-yaodian".into(),
            title: Some("内蒙古自治区人民政府办公厅关于印发2019年政务公开工作要点的通知".into()),
            number: Some("内政办发〔2019〕14号".into()),
            date: Some("2019-05-29".into()),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        doc.title.zh,
        "内蒙古自治区人民政府办公厅关于印发2019年政务公开工作要点的通知"
    );
    assert_eq!(doc.issued, "2019-05-29");
    assert_eq!(doc.number.as_deref(), Some("内政办发〔2019〕14号"));
    match &doc.body[3] {
        Block::Paragraph { text } => {
            assert_eq!(text.plain(), "内蒙古自治区2019年政务公开工作要点")
        }
        other => panic!("expected the printed title after the front matter, got {other:?}"),
    }
}
