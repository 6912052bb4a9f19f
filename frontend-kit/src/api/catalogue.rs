//! The published catalogue (课程中心, Z-III.3): search and a course's detail.

use shared_types::ApiError;
use shared_types::catalog::{CatalogueDetail, CatalogueItem, CatalogueQuery};
use shared_types::page::Page;
use uuid::Uuid;

use super::{get, with_query};

/// `GET /api/v1/catalogue` — ranked search over published courses.
pub async fn catalogue(query: &CatalogueQuery) -> Result<Page<CatalogueItem>, ApiError> {
    get(&with_query("/api/v1/catalogue", query)).await
}

/// `GET /api/v1/catalogue/{id}`
pub async fn catalogue_course(id: Uuid) -> Result<CatalogueDetail, ApiError> {
    get(&format!("/api/v1/catalogue/{id}")).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::catalog::{TrainingCategory, TrainingType};

    #[test]
    fn a_catalogue_search_names_only_the_filters_set() {
        let query = CatalogueQuery {
            q: Some("建筑 消防".into()),
            category: Some(TrainingCategory::SafetyProduction),
            training_type: Some(TrainingType::SafetyManager),
            page: Some(2),
            per_page: Some(12),
            ..Default::default()
        };
        assert_eq!(
            with_query("/api/v1/catalogue", &query),
            "/api/v1/catalogue?q=%E5%BB%BA%E7%AD%91+%E6%B6%88%E9%98%B2\
             &category=safety_production&training_type=safety_manager&page=2&per_page=12"
        );
    }
}
