//! Review opinions (Z-III.1): the six checklist points with their labels, and a read-only list
//! of the opinions given in a round — for the regulator, the expert and the course's author.

use shared_types::review::{Checklist, Opinion, Verdict};
use yew::prelude::*;

use super::format_time;
use super::label::{Label, Tone};
use crate::i18n::{I18n, Text, use_i18n};

/// One point of the review checklist.
pub struct ChecklistPoint {
    /// The wire name, as a 422's `field` names it (`checklist.<key>`).
    pub key: &'static str,
    pub label: Text,
    pub hint: Text,
    pub get: fn(&Checklist) -> bool,
    pub set: fn(&mut Checklist, bool),
}

pub const CHECKLIST: [ChecklistPoint; 6] = [
    ChecklistPoint {
        key: "political",
        label: Text::new("政治性", "Political soundness"),
        hint: Text::new(
            "内容导向正确，无政治性错误",
            "Sound orientation, no political errors",
        ),
        get: |c| c.political,
        set: |c, v| c.political = v,
    },
    ChecklistPoint {
        key: "compliance",
        label: Text::new("合规性", "Compliance"),
        hint: Text::new(
            "符合法律法规和标准规范",
            "Complies with laws, regulations and standards",
        ),
        get: |c| c.compliance,
        set: |c, v| c.compliance = v,
    },
    ChecklistPoint {
        key: "completeness",
        label: Text::new("完整性", "Completeness"),
        hint: Text::new(
            "章节、课件齐全，可完整学习",
            "Chapters and coursewares complete",
        ),
        get: |c| c.completeness,
        set: |c, v| c.completeness = v,
    },
    ChecklistPoint {
        key: "relevance",
        label: Text::new("相关性", "Relevance"),
        hint: Text::new(
            "内容与培训类别、类型相符",
            "Fits the training category and type",
        ),
        get: |c| c.relevance,
        set: |c, v| c.relevance = v,
    },
    ChecklistPoint {
        key: "subtitles",
        label: Text::new("字幕", "Subtitles"),
        hint: Text::new(
            "视频配有准确的简体中文字幕",
            "Videos have correct Simplified-Chinese subtitles",
        ),
        get: |c| c.subtitles,
        set: |c, v| c.subtitles = v,
    },
    ChecklistPoint {
        key: "copyright",
        label: Text::new("版权", "Copyright"),
        hint: Text::new(
            "版权清晰，授权证明可追溯",
            "Copyright clear, licence traceable",
        ),
        get: |c| c.copyright,
        set: |c, v| c.copyright = v,
    },
];

pub const APPROVE: Text = Text::new("通过", "Approve");
pub const RETURN: Text = Text::new("退回修改", "Return");
const NO_OPINIONS: Text = Text::new("尚无专家意见", "No opinions yet");
const FAILED_POINTS: Text = Text::new("未通过：", "Failed: ");
const ALL_POINTS_PASS: Text = Text::new("六项检查全部通过", "All six points pass");

pub fn verdict_text(verdict: Verdict) -> Text {
    match verdict {
        Verdict::Approve => APPROVE,
        Verdict::Return => RETURN,
    }
}

/// The labels of the points a checklist fails, joined for display.
pub fn failed_points(i18n: &I18n, checklist: &Checklist) -> Vec<&'static str> {
    CHECKLIST
        .iter()
        .filter(|p| !(p.get)(checklist))
        .map(|p| i18n.t(&p.label))
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct OpinionListProps {
    pub opinions: Vec<Opinion>,
}

#[component]
pub fn OpinionList(props: &OpinionListProps) -> Html {
    let i18n = use_i18n();
    if props.opinions.is_empty() {
        return html! { <p class="zp-muted">{ i18n.t(&NO_OPINIONS) }</p> };
    }
    html! {
        <ul class="zp-opinions">
            { for props.opinions.iter().map(|o| {
                let (tone, icon) = match o.verdict {
                    Verdict::Approve => (Tone::Green, "fa-check"),
                    Verdict::Return => (Tone::Red, "fa-undo"),
                };
                let failed = failed_points(&i18n, &o.checklist);
                html! {
                    <li class="zp-opinion">
                        <div class="zp-opinion-head">
                            <strong>{ &o.expert.name }</strong>
                            <Label text={i18n.t(&verdict_text(o.verdict))} {tone} {icon} />
                            <span class="zp-muted">{ format_time(&o.created_at) }</span>
                        </div>
                        <p class="zp-muted">
                            if failed.is_empty() {
                                { i18n.t(&ALL_POINTS_PASS) }
                            } else {
                                { i18n.t(&FAILED_POINTS) }{ failed.join(if i18n.lang == crate::i18n::Lang::ZhCn { "、" } else { ", " }) }
                            }
                        </p>
                        if !o.opinion.is_empty() { <p class="zp-prewrap">{ &o.opinion }</p> }
                    </li>
                }
            }) }
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_checklist_point_sets_its_own_field() {
        let mut all = Checklist::default();
        for point in &CHECKLIST {
            let mut one = Checklist::default();
            (point.set)(&mut one, true);
            assert!((point.get)(&one), "{} reads back", point.key);
            let set: usize = CHECKLIST.iter().filter(|p| (p.get)(&one)).count();
            assert_eq!(set, 1, "{} sets only itself", point.key);
            (point.set)(&mut all, true);
        }
        assert!(all.all_pass());
    }
}
