//! The method section's paragraph on class boundaries: the ILO classifies with plain binary
//! floating-point sums of the rounded mean and SD (`Method::classify`), which the tool
//! reproduces on purpose, so a job exactly on a boundary on paper can get the class below it.
//! The worked example is computed here by the same function that classifies every job.

use crate::classify::{Class, Method};
use crate::i18n::Lang;
use crate::typography::french_spacing;

use super::escape;

/// The example of each method: a rounded mean and SD whose sum (or difference) is a boundary on
/// paper, the expression, the boundary, and the class the boundary gives on paper.
fn example(method: Method) -> (f64, f64, char, f64, Class) {
    match method {
        // 0.29 + 0.11 ≥ 0.40 on paper: minimal exposure.
        Method::Wp140 => (0.29, 0.11, '+', 0.40, Class::MinimalExposure),
        // 0.57 − 0.07 ≥ 0.50 on paper: automation potential.
        Method::Wp96 => (0.57, 0.07, '−', 0.50, Class::AutomationPotential),
    }
}

/// The paragraph and its worked example, as HTML.
pub(super) fn paragraphs(h: &mut String, method: Method, lang: Lang) {
    let (m, s, op, bound, paper) = example(method);
    let computed = if op == '+' { m + s } else { m - s };
    let class = method.classify(m, s);
    // The computed value in full (shortest representation that reads back the same).
    let full = format!("{computed:?}");
    let num = |x: f64| lang.decimal(Some(x));
    let (full, example) = match lang {
        Lang::En => (full.clone(), "Worked example"),
        Lang::Fr => (full.replace('.', ","), "Exemple"),
    };
    let (intro, worked) = match lang {
        Lang::En => (
            "At the boundaries. The ILO classifies each occupation from its mean and SD rounded to two decimals, added or subtracted in a computer's binary arithmetic (floating point), which cannot hold 0.29 or 0.11 exactly. The tool computes the same way on purpose, so that every job gets the class the ILO would give it. A sum that lies exactly on a boundary on paper can then come out a hair below it, and the job goes to the class below.".to_string(),
            format!(
                "{example}: a job whose tasks have a mean of {} and an SD of {}. On paper, mean {op} SD = {}, on the boundary, which would give \"{}\". Computed as the ILO does, {} {op} {} gives {full}, just below {}, so the job is \"{}\". In the scatter it sits on the dashed line, in the colour of that class; in the tables it shows mean {} and SD {}.",
                num(m), num(s), num(bound), lang.class(paper), num(m), num(s), num(bound), lang.class(class), num(m), num(s)
            ),
        ),
        Lang::Fr => (
            french_spacing("Aux frontières. L'OIT classe chaque profession d'après sa moyenne et son écart-type arrondis à deux décimales, additionnés ou soustraits dans l'arithmétique binaire d'un ordinateur (virgule flottante), qui ne représente pas exactement 0,29 ni 0,11. L'outil calcule de la même façon, à dessein, pour que chaque métier reçoive la classe que l'OIT lui donnerait. Une somme qui tombe pile sur une frontière sur le papier peut alors en sortir d'un cheveu en dessous : le métier va dans la classe inférieure."),
            french_spacing(&format!(
                "{example} : un métier dont les tâches ont une moyenne de {} et un écart-type de {}. Sur le papier, moyenne {op} écart-type = {}, pile sur la frontière, ce qui donnerait « {} ». Calculé comme le fait l'OIT, {} {op} {} donne {full}, juste sous {} : le métier est « {} ». Dans le nuage de points, il est sur la ligne en tirets, dans la couleur de cette classe ; dans les tableaux, il affiche une moyenne de {} et un écart-type de {}.",
                num(m), num(s), num(bound), lang.class(paper), num(m), num(s), num(bound), lang.class(class), num(m), num(s)
            )),
        ),
    };
    h.push_str(&format!(
        "<p id=\"boundaries\">{}</p>\n<p class=\"example\">{}</p>\n",
        escape(&intro),
        escape(&worked)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_example_falls_below_its_boundary_and_changes_class() {
        for method in [Method::Wp140, Method::Wp96] {
            let (m, s, op, bound, paper) = example(method);
            let computed = if op == '+' { m + s } else { m - s };
            // On paper (in hundredths) the value is the boundary...
            let hundredths = if op == '+' {
                (m * 100.0).round() + (s * 100.0).round()
            } else {
                (m * 100.0).round() - (s * 100.0).round()
            };
            assert_eq!(hundredths, (bound * 100.0).round());
            // ...but the floating-point value is below it, and the class is not the paper one.
            assert!(computed < bound, "{method:?}: {computed}");
            assert_ne!(method.classify(m, s), paper);
            // One hundredth more reaches the paper class: the example sits on that boundary.
            let nudged = if op == '+' { s + 0.01 } else { s - 0.01 };
            assert_eq!(method.classify(m, nudged), paper);
        }
    }

    #[test]
    fn the_paragraph_names_both_classes_in_good_french() {
        let mut h = String::new();
        paragraphs(&mut h, Method::Wp140, Lang::Fr);
        assert!(h.contains("0,39999999999999997"), "{h}");
        assert!(h.contains("Non exposé") && h.contains("Exposition minimale"));
        let defects = crate::typography::french_defects(&h);
        assert!(defects.is_empty(), "{defects:?}");
        let mut h = String::new();
        paragraphs(&mut h, Method::Wp96, Lang::En);
        assert!(h.contains("0.49999999999999994") && h.contains("The Big Unknown"));
    }
}
