//! Several files of one kind (further certification documents, qualification evidence): the
//! files already on record, each removable, then one upload field per new file — `<id>-1`,
//! `<id>-2`… — a fresh one appearing once the last is used. Each field keeps its `-done` marker.

use uuid::Uuid;
use yew::prelude::*;

use shared_types::media::{Media, MediaKind};

use super::FileUpload;
use crate::components::MediaLink;
use crate::i18n::{Text, use_i18n};

const FILE_N: Text = Text::new("文件 {0}", "File {0}");
const REMOVE: Text = Text::new("移除", "Remove");

#[derive(Properties, PartialEq)]
pub struct MultiUploadProps {
    /// The fields' id prefix.
    pub id: AttrValue,
    pub label: AttrValue,
    pub kind: MediaKind,
    /// The files on record when the form opened.
    pub initial: Vec<Uuid>,
    /// Every file now: those kept, then the new uploads in field order.
    pub onchange: Callback<Vec<Uuid>>,
    #[prop_or_default]
    pub helper: Option<AttrValue>,
}

#[component]
pub fn MultiUpload(props: &MultiUploadProps) -> Html {
    let i18n = use_i18n();
    let kept = use_state(|| props.initial.clone());
    // One entry per upload field; `None` for the field still waiting for a file.
    let slots = use_state(|| vec![None::<Uuid>]);
    let emit = {
        let onchange = props.onchange.clone();
        move |kept: &[Uuid], slots: &[Option<Uuid>]| {
            onchange.emit(
                kept.iter()
                    .copied()
                    .chain(slots.iter().flatten().copied())
                    .collect(),
            );
        }
    };
    let remove = |id: Uuid| {
        let (kept, slots, emit) = (kept.clone(), slots.clone(), emit.clone());
        Callback::from(move |_: MouseEvent| {
            let next: Vec<Uuid> = kept.iter().copied().filter(|k| *k != id).collect();
            emit(&next, &slots);
            kept.set(next);
        })
    };
    let uploaded = |slot: usize| {
        let (kept, slots, emit) = (kept.clone(), slots.clone(), emit.clone());
        Callback::from(move |media: Media| {
            let mut next = (*slots).clone();
            next[slot] = Some(media.id);
            if next.iter().all(Option::is_some) {
                next.push(None);
            }
            emit(&kept, &next);
            slots.set(next);
        })
    };
    html! {
        <div class="zp-multi-upload" id={props.id.clone()}>
            if !kept.is_empty() {
                <ul class="zp-file-list">
                    { for kept.iter().enumerate().map(|(n, id)| html! {
                        <li>
                            <MediaLink media_id={*id} label={i18n.fmt(&FILE_N, &[&(n + 1).to_string()])} />
                            <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("{}-remove-{}", props.id, n + 1)}
                                onclick={remove(*id)}>
                                <span class="pf-v6-c-button__text">{ i18n.t(&REMOVE) }</span>
                            </button>
                        </li>
                    }) }
                </ul>
            }
            { for (0..slots.len()).map(|slot| html! {
                <FileUpload key={slot} id={format!("{}-{}", props.id, slot + 1)}
                    label={if slot == 0 { props.label.clone() } else { AttrValue::from(i18n.fmt(&FILE_N, &[&(kept.len() + slot + 1).to_string()])) }}
                    kind={props.kind} on_uploaded={uploaded(slot)}
                    helper={if slot == 0 { props.helper.clone() } else { None }} />
            }) }
        </div>
    }
}
