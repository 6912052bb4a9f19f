//! Paging, the same on every list endpoint.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

/// `?page=1&per_page=20`; pages start at 1, `per_page` is capped at 200 by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct PageQuery {
    #[serde(default = "first_page")]
    pub page: u32,
    #[serde(default = "default_per_page")]
    pub per_page: u32,
}

impl Default for PageQuery {
    fn default() -> Self {
        Self {
            page: first_page(),
            per_page: default_per_page(),
        }
    }
}

impl PageQuery {
    pub const MAX_PER_PAGE: u32 = 200;

    /// The paging of a filter struct's optional `page` and `per_page` (defaults 1 and 20).
    pub fn of(page: Option<u32>, per_page: Option<u32>) -> PageQuery {
        PageQuery {
            page: page.unwrap_or_else(first_page),
            per_page: per_page.unwrap_or_else(default_per_page),
        }
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.per_page.clamp(1, Self::MAX_PER_PAGE))
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page.max(1) - 1) * self.limit()
    }

    /// The answer for this query: one page of `items` out of `total`.
    pub fn page_of<T>(&self, items: Vec<T>, total: i64) -> Page<T> {
        Page {
            items,
            total,
            page: self.page.max(1),
            per_page: self.per_page.clamp(1, Self::MAX_PER_PAGE),
        }
    }
}

fn first_page() -> u32 {
    1
}

fn default_per_page() -> u32 {
    20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_is_clamped_and_echoed() {
        let q = PageQuery {
            page: 0,
            per_page: 5000,
        };
        assert_eq!((q.limit(), q.offset()), (200, 0));
        let page = q.page_of(vec![1, 2], 2);
        assert_eq!((page.page, page.per_page, page.total), (1, 200, 2));
        let third = PageQuery {
            page: 3,
            per_page: 20,
        };
        assert_eq!(third.offset(), 40);
    }
}
