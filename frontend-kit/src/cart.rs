//! The shop's cart (T-7.2.5c): seats of on-demand courses an institution means to buy, one line
//! per course, and the order it becomes. Pure, tested natively.

use shared_types::catalog::CatalogueItem;
use shared_types::commerce::{CreateOrderRequest, OrderLineInput};
use uuid::Uuid;

/// One course in the cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub course_id: Uuid,
    pub course_no: String,
    pub name: String,
    pub unit_price_cents: i64,
    pub seats: u32,
}

impl CartLine {
    pub fn amount_cents(&self) -> i64 {
        self.unit_price_cents * i64::from(self.seats)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cart {
    pub lines: Vec<CartLine>,
}

impl Cart {
    /// Adds `seats` of a course; a course already in the cart gets them added to its line (an
    /// order names each course once). Courses without a seat price are not for sale: `false`.
    pub fn add(&mut self, item: &CatalogueItem, seats: u32) -> bool {
        let Some(price) = item.seat_price_cents else {
            return false;
        };
        if seats == 0 {
            return false;
        }
        match self.lines.iter_mut().find(|l| l.course_id == item.id) {
            Some(line) => line.seats = line.seats.saturating_add(seats),
            None => self.lines.push(CartLine {
                course_id: item.id,
                course_no: item.course_no.clone(),
                name: item.name.clone(),
                unit_price_cents: price,
                seats,
            }),
        }
        true
    }

    /// Sets a line's seats; zero takes the course out.
    pub fn set_seats(&mut self, course_id: Uuid, seats: u32) {
        if seats == 0 {
            self.lines.retain(|l| l.course_id != course_id);
        } else if let Some(line) = self.lines.iter_mut().find(|l| l.course_id == course_id) {
            line.seats = seats;
        }
    }

    pub fn seats(&self) -> u32 {
        self.lines.iter().map(|l| l.seats).sum()
    }

    pub fn total_cents(&self) -> i64 {
        self.lines.iter().map(CartLine::amount_cents).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The order the cart places.
    pub fn request(&self) -> CreateOrderRequest {
        CreateOrderRequest {
            lines: self
                .lines
                .iter()
                .map(|l| OrderLineInput {
                    course_id: l.course_id,
                    seats: l.seats,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::catalog::{CourseKind, TrainingCategory, TrainingType};

    fn course(n: u128, seat_price_cents: Option<i64>) -> CatalogueItem {
        CatalogueItem {
            id: Uuid::from_u128(n),
            course_no: format!("ZJ-AQ-2026-{n:06}"),
            kind: CourseKind::Vod,
            name: format!("课程{n}"),
            summary: String::new(),
            category: TrainingCategory::SafetyProduction,
            training_type: TrainingType::SafetyManager,
            lecturers: Vec::new(),
            tags: Vec::new(),
            duration_seconds: 3600,
            topic_id: None,
            price_cents: None,
            seat_price_cents,
        }
    }

    #[test]
    fn the_same_course_twice_is_one_line_with_the_seats_added() {
        let mut cart = Cart::default();
        assert!(cart.add(&course(1, Some(12_000)), 10));
        assert!(cart.add(&course(2, Some(5_050)), 2));
        assert!(cart.add(&course(1, Some(12_000)), 5));
        assert_eq!(cart.lines.len(), 2);
        assert_eq!(cart.seats(), 17);
        assert_eq!(cart.total_cents(), 15 * 12_000 + 2 * 5_050);
        let req = cart.request();
        assert_eq!(req.lines.len(), 2);
        assert_eq!(
            (req.lines[0].course_id, req.lines[0].seats),
            (Uuid::from_u128(1), 15)
        );
    }

    #[test]
    fn unpriced_courses_and_zero_seats_stay_out() {
        let mut cart = Cart::default();
        assert!(!cart.add(&course(1, None), 3));
        assert!(!cart.add(&course(2, Some(100)), 0));
        assert!(cart.is_empty());
        assert_eq!(cart.total_cents(), 0);
    }

    #[test]
    fn setting_zero_seats_removes_the_line() {
        let mut cart = Cart::default();
        cart.add(&course(1, Some(100)), 3);
        cart.set_seats(Uuid::from_u128(1), 7);
        assert_eq!(cart.total_cents(), 700);
        cart.set_seats(Uuid::from_u128(1), 0);
        assert!(cart.is_empty());
    }
}
