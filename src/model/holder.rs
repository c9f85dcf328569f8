/// A member of the government as an answer or notice names them:
/// `Minister Bruins Slot (Buitenlandse Zaken)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeHolder {
    /// `Minister`, `Staatssecretaris`, `Minister-President`, capitalised.
    pub title: String,
    /// The name as printed (`Bruins Slot`, `Faber-van de Klashorst`).
    pub name: String,
    /// The portfolio printed in parentheses, as printed (`BZ`, `Financiën – Fiscaliteit en
    /// Belastingdienst`).
    pub portfolio: Option<String>,
}
