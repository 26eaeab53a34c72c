//! Role categories: the default table of SPEC §1, extended by `[roles]` in `orglint.toml`.

use std::collections::HashMap;

/// A role category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// ML practitioners.
    Ml,
    /// Software engineering.
    Software,
    /// Product management.
    Product,
    /// Design.
    Design,
    /// Marketing.
    Marketing,
    /// Management.
    Management,
}

impl Category {
    /// Every category, in table order.
    pub const ALL: [Category; 6] = [
        Category::Ml,
        Category::Software,
        Category::Product,
        Category::Design,
        Category::Marketing,
        Category::Management,
    ];

    /// The category's name as written in `orglint.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Ml => "ml",
            Category::Software => "software",
            Category::Product => "product",
            Category::Design => "design",
            Category::Marketing => "marketing",
            Category::Management => "management",
        }
    }

    /// The category named `s`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Its bit in a set of categories.
    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The roles in it by default.
    pub fn default_roles(self) -> &'static [&'static str] {
        match self {
            Category::Ml => &[
                "ml-engineer",
                "data-scientist",
                "ml-researcher",
                "research-scientist",
                "applied-scientist",
                "mlops-engineer",
            ],
            Category::Software => &[
                "software-engineer",
                "backend-engineer",
                "frontend-engineer",
                "fullstack-engineer",
                "mobile-engineer",
                "devops-engineer",
                "sre",
                "data-engineer",
                "mlops-engineer",
            ],
            Category::Product => &["product-manager", "product-owner"],
            Category::Design => &[
                "designer",
                "product-designer",
                "ux-designer",
                "ux-researcher",
            ],
            Category::Marketing => &["marketing", "product-marketing-manager", "growth-marketer"],
            Category::Management => &[
                "engineering-manager",
                "director",
                "vp",
                "executive",
                "ceo",
                "cto",
                "head-of-ml",
                "head-of-data",
                "chief-ai-officer",
            ],
        }
    }
}

/// Which categories each known role is in.
#[derive(Clone, Debug)]
pub struct Roles {
    /// Looked up once per person: the seeded foldhash of the id maps, not SipHash.
    map: HashMap<String, u8, foldhash::fast::RandomState>,
}

impl Default for Roles {
    fn default() -> Self {
        let mut roles = Roles {
            map: HashMap::default(),
        };
        for c in Category::ALL {
            for r in c.default_roles() {
                roles.add(c, r);
            }
        }
        roles
    }
}

impl Roles {
    /// Puts `role` in `category` too.
    pub fn add(&mut self, category: Category, role: &str) {
        *self.map.entry(role.to_owned()).or_insert(0) |= category.bit();
    }

    /// The categories of `role`, as a bit set (0: unknown role).
    pub fn categories(&self, role: &str) -> u8 {
        self.map.get(role).copied().unwrap_or(0)
    }

    /// Every known role, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.map.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }
}
