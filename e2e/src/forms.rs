//! More of what a user does on a page: choose files, pick select options, set date fields, tick
//! every box of a group, follow a link by its text, and read where the browser is.

use std::path::Path;

use anyhow::{Context, Result, bail};
use fantoccini::Locator;

use crate::browser::{Browser, UI_TIMEOUT};

impl Browser {
    /// Chooses `file` in the file input `css` (chromedriver runs here, so a local path works).
    pub async fn attach(&self, css: &str, file: &Path) -> Result<()> {
        if !file.is_file() {
            bail!("{} does not exist", file.display());
        }
        let path = file
            .canonicalize()
            .with_context(|| format!("resolving {}", file.display()))?;
        let input = self.wait_for(css, UI_TIMEOUT).await?;
        input
            .send_keys(&path.to_string_lossy())
            .await
            .with_context(|| format!("[{}] choosing {} in `{css}`", self.name, path.display()))
    }

    /// Picks the option whose text is exactly `label` in the select `css`.
    pub async fn select_label(&self, css: &str, label: &str) -> Result<()> {
        let select = self.wait_for(css, UI_TIMEOUT).await?;
        // The options may still be loading: wait for the one wanted.
        self.wait_for(&format!("{css} option"), UI_TIMEOUT).await?;
        for _ in 0..60 {
            if select.select_by_label(label).await.is_ok() {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        bail!("[{}] `{css}` has no option `{label}`", self.name)
    }

    /// Picks the first option of the select `css` whose text contains `text`.
    pub async fn select_containing(&self, css: &str, text: &str) -> Result<()> {
        self.wait_for(css, UI_TIMEOUT).await?;
        self.click_containing(&format!("{css} option"), text).await
    }

    /// Clicks every element matching `css` (e.g. each box of a checklist); answers how many.
    pub async fn click_all(&self, css: &str) -> Result<usize> {
        self.wait_for(css, UI_TIMEOUT).await?;
        let all = self.client.find_all(Locator::Css(css)).await?;
        for el in &all {
            el.click()
                .await
                .with_context(|| format!("[{}] clicking one of `{css}`", self.name))?;
        }
        Ok(all.len())
    }

    /// Clicks the first element matching `css` whose text contains `text`, waiting for it.
    pub async fn click_containing(&self, css: &str, text: &str) -> Result<()> {
        for _ in 0..120 {
            for el in self.client.find_all(Locator::Css(css)).await? {
                if el.text().await.is_ok_and(|t| t.contains(text)) {
                    return el
                        .click()
                        .await
                        .with_context(|| format!("[{}] clicking `{css}` “{text}”", self.name));
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        bail!("[{}] no `{css}` shows “{text}”", self.name)
    }

    /// Sets the value of the field `css` as a person choosing it would (date pickers take no
    /// typed text reliably): the value, then the `input` and `change` events.
    pub async fn set_value(&self, css: &str, value: &str) -> Result<()> {
        self.wait_for(css, UI_TIMEOUT).await?;
        let script = "const el = document.querySelector(arguments[0]); el.value = arguments[1];
                      el.dispatchEvent(new Event('input', {bubbles: true}));
                      el.dispatchEvent(new Event('change', {bubbles: true}));";
        self.client
            .execute(script, vec![css.into(), value.into()])
            .await
            .with_context(|| format!("[{}] setting `{css}` to {value}", self.name))?;
        Ok(())
    }

    /// The `id` attribute of the first element matching `css`, once there.
    pub async fn id_of(&self, css: &str) -> Result<String> {
        let el = self.wait_for(css, UI_TIMEOUT).await?;
        el.attr("id")
            .await?
            .with_context(|| format!("[{}] `{css}` has no id", self.name))
    }

    /// The path of the page shown, e.g. `/institution/course/…`.
    pub async fn path(&self) -> Result<String> {
        let url = self.client.current_url().await?;
        Ok(url.path().to_owned())
    }
}
