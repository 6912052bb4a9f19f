//! Editing a short list inside a form: a set of checked ids ([`toggled`]); rows (a lecturer's
//! certificates, a plan's items) with the callbacks that change one row, add one or remove one
//! and hand the whole list back ([`RowEdits`]), and the fieldset around the rows with its add
//! button ([`EditRows`]).

use yew::prelude::*;

/// `list` with `item` checked (`on`, added once, at the end) or unchecked (removed).
pub fn toggled<T: PartialEq + Copy>(list: &[T], item: T, on: bool) -> Vec<T> {
    let mut next: Vec<T> = list.iter().copied().filter(|x| *x != item).collect();
    if on {
        next.push(item);
    }
    next
}

/// Edits of the list `rows`, each sending the changed list to `onchange`.
pub struct RowEdits<T> {
    rows: Vec<T>,
    onchange: Callback<Vec<T>>,
}

impl<T: Clone + 'static> RowEdits<T> {
    pub fn new(rows: &[T], onchange: &Callback<Vec<T>>) -> Self {
        Self {
            rows: rows.to_vec(),
            onchange: onchange.clone(),
        }
    }

    /// A field of row `n` changed to a value.
    pub fn edit<V: 'static>(&self, n: usize, apply: fn(&mut T, V)) -> Callback<V> {
        let (rows, onchange) = (self.rows.clone(), self.onchange.clone());
        Callback::from(move |value: V| {
            let mut next = rows.clone();
            if let Some(row) = next.get_mut(n) {
                apply(row, value);
            }
            onchange.emit(next);
        })
    }

    pub fn add(&self, row: T) -> Callback<MouseEvent> {
        let (rows, onchange) = (self.rows.clone(), self.onchange.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = rows.clone();
            next.push(row.clone());
            onchange.emit(next);
        })
    }

    pub fn remove(&self, n: usize) -> Callback<MouseEvent> {
        let (rows, onchange) = (self.rows.clone(), self.onchange.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = rows.clone();
            if n < next.len() {
                next.remove(n);
            }
            onchange.emit(next);
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct EditRowsProps {
    /// The fieldset's id.
    pub id: AttrValue,
    pub legend: AttrValue,
    /// The add button's id and label.
    pub add_id: AttrValue,
    pub add_label: AttrValue,
    pub onadd: Callback<MouseEvent>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// One `zp-edit-row` per row.
    pub children: Html,
}

#[component]
pub fn EditRows(props: &EditRowsProps) -> Html {
    html! {
        <fieldset class="pf-v6-c-form__group" id={props.id.clone()}>
            <legend class="pf-v6-c-form__group-label">
                <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ props.legend.clone() }</span></span>
            </legend>
            { props.children.clone() }
            <button type="button" class="pf-v6-c-button pf-m-secondary pf-m-small" id={props.add_id.clone()} onclick={props.onadd.clone()}>
                <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-plus" aria-hidden="true"></i></span>
                <span class="pf-v6-c-button__text">{ props.add_label.clone() }</span>
            </button>
            if let Some(message) = &props.error {
                <p class="zp-badge-off" role="alert">{ message.clone() }</p>
            }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checking_adds_once_and_unchecking_removes() {
        assert_eq!(toggled(&[1, 2], 3, true), vec![1, 2, 3]);
        assert_eq!(toggled(&[1, 2], 2, true), vec![1, 2]);
        assert_eq!(toggled(&[1, 2], 1, false), vec![2]);
    }
}
