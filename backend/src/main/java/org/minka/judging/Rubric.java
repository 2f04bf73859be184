package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What judges score against: weighted criteria, each on an integer scale. The weights sum to 100,
 * so a judge's weighted total lies on 0..100 (the database checks the same rule).
 */
@Schema(name = "Rubric")
public record Rubric(List<Criterion> criteria) {

    /** A text in Spanish and English. */
    @Schema(name = "LocalizedText")
    public record Text(
            @NotBlank @Size(max = 2000) @Schema(example = "Impacto") String es,
            @NotBlank @Size(max = 2000) @Schema(example = "Impact") String en) {}

    /** An anchored descriptor: what a level of the scale means. */
    @Schema(name = "RubricLevel")
    public record Level(
            @Schema(example = "5") int level,
            @NotNull @Valid @Schema(description = "What this level means") Text label) {}

    /** One criterion: key, name, description, weight and scale (min..max, integers). */
    @Schema(name = "RubricCriterion")
    public record Criterion(
            @NotBlank
                    @Pattern(regexp = "^[a-z][a-z0-9_]{0,39}$")
                    @Schema(example = "impact", description = "Unique in the rubric")
                    String key,
            @NotNull @Valid Text name,
            @Valid @Schema(nullable = true) Text description,
            @Min(1) @Max(100) @Schema(example = "25", description = "The weights sum to 100")
                    int weight,
            @Min(-1000) @Max(1000) @Schema(example = "1") int min,
            @Min(-1000) @Max(1000) @Schema(example = "5", description = "Above min") int max,
            @Size(max = 21)
                    @Schema(
                            nullable = true,
                            description = "Anchored descriptors, at most one per level")
                    List<@Valid @NotNull Level> levels) {

        public Criterion {
            levels = levels == null ? List.of() : levels;
        }

        /** The value's share of the weight: min gives 0, max gives the whole weight. */
        double weighted(int value) {
            return weight * (double) (value - min) / (max - min);
        }
    }

    /** The default of DOMAIN.md §4.1: an open-government datathon's rubric, each on 1–5. */
    public static final Rubric DEFAULT =
            new Rubric(
                    List.of(
                            criterion(
                                    "impact",
                                    25,
                                    new Text(
                                            "Impacto y relevancia para el reto",
                                            "Impact and relevance to the challenge"),
                                    new Text(
                                            "Cuánto responde al problema del reto y a quién sirve",
                                            "How far it answers the challenge and whom it serves")),
                            criterion(
                                    "open_data",
                                    25,
                                    new Text("Uso de datos abiertos", "Use of open data"),
                                    new Text(
                                            "Datasets del portal usados con rigor y citados",
                                            "Portal datasets used correctly and cited")),
                            criterion(
                                    "innovation",
                                    15,
                                    new Text(
                                            "Innovación y creatividad",
                                            "Innovation and creativity"),
                                    new Text(
                                            "Originalidad del enfoque o de la solución",
                                            "Originality of the approach or the solution")),
                            criterion(
                                    "technical",
                                    20,
                                    new Text(
                                            "Calidad técnica y reproducibilidad",
                                            "Technical quality and reproducibility"),
                                    new Text(
                                            "El notebook corre; código y datos documentados",
                                            "The notebook runs; code and data are documented")),
                            criterion(
                                    "presentation",
                                    15,
                                    new Text(
                                            "Presentación y comunicación",
                                            "Presentation and communication"),
                                    new Text(
                                            "Claridad para el público y para la entidad",
                                            "Clear to the public and to the entity"))));

    private static Criterion criterion(String key, int weight, Text name, Text description) {
        return new Criterion(key, name, description, weight, 1, 5, List.of());
    }

    /** The sum of the weights; a valid rubric has 100. */
    int weightSum() {
        return criteria.stream().mapToInt(Criterion::weight).sum();
    }

    /**
     * The weighted total on 0..100 of one value per criterion.
     *
     * @throws IllegalArgumentException when a criterion lacks a value or a value is off its scale
     */
    double weightedTotal(Map<String, Integer> values) {
        double total = 0;
        for (Criterion c : criteria) {
            Integer value = values.get(c.key());
            if (value == null || value < c.min() || value > c.max()) {
                throw new IllegalArgumentException(c.key());
            }
            total += c.weighted(value);
        }
        return total;
    }
}
