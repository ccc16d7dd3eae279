package fi.tilannekuva.source.funding;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.source.SampleContext;
import fi.tilannekuva.source.SampleFiles;
import fi.tilannekuva.source.population.PopulationSamples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sample's funding inputs: THL's real need model and factor shares (rows of the reference files), the funding
 * act's criterion shares, and synthetic bases and costs sized like the areas.
 */
public final class FundingSamples {

    private final Path reference;
    private final Path root;
    private final SplittableRandom random;
    private final Map<String, double[]> areaPopulation;
    private final AppConfig.FundingSettings funding;
    private final PopulationSamples population;

    /**
     * @param funding    THL's weights of the need coefficients, as the pipeline reads them
     * @param population the population files of the years the coefficients come from are written through it
     */
    public FundingSamples(Path reference, Path root, SplittableRandom random, Map<String, double[]> areaPopulation,
                          AppConfig.FundingSettings funding, PopulationSamples population) {
        this.reference = reference;
        this.root = root;
        this.random = random;
        this.areaPopulation = areaPopulation;
        this.funding = funding;
        this.population = population;
    }

    /** The funding inputs of the year after the last quarter; none at national scale. */
    public static void sample(SampleContext c) {
        if (c.national()) {
            return;
        }
        new FundingSamples(c.reference(), c.out(), c.random(), c.areaPopulation(), c.config().sources().funding(),
                new PopulationSamples(c.out(), c.areaPopulation(), false))
                .write(c.quarters().get(c.quarters().size() - 1).year() + 1, c.municipalities());
    }

    /**
     * Criterion shares of the funding act in 2025 (Act 617/2021 as amended by 391/2025), the service need split
     * into health, social and elderly care by THL's weights (those of the configuration) and rescue services by their
     * 2022 proportions.
     */
    private Map<String, Double> shares2025() {
        AppConfig.FundingSettings f = funding;
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("need_health", 78.995 * f.healthWeight());
        shares.put("need_social", 78.995 * f.socialWeight());
        shares.put("need_elderly", 78.995 * f.elderlyWeight());
        shares.put("population", 12.790);
        shares.put("density", 1.456);
        shares.put("foreign_language", 1.942);
        shares.put("bilingual", 0.485);
        shares.put("sami", 0.013);
        shares.put("island", 0.110);
        shares.put("university_hospital", 0.543);
        shares.put("hyte", 1.460);
        shares.put("rescue_population", 2.206 * 1.477 / 2.273);
        shares.put("rescue_density", 2.206 * 0.114 / 2.273);
        shares.put("rescue_risk", 2.206 * 0.682 / 2.273);
        return shares;
    }

    /**
     * The funding inputs of {@code fundingYear}: THL's real need model and factor shares of the two years its
     * coefficients come from (rows copied from the reference files), populations of those years, the criteria
     * with the act's shares of about 25 billion euros, synthetic bases, and synthetic costs of the population year.
     */
    public void write(int fundingYear, Map<String, List<String[]>> municipalities) {
        List<Integer> needYears = List.of(fundingYear - 4, fundingYear - 3);
        for (String[] f : new String[][]{{"thl_tarvevakiointi_regressiokertoimet_2018_2023.csv", "need_model_"},
                {"thl_tarvevakiointi_muuttujaosuudet_2018_2023_long.csv", "need_factors_"}}) {
            List<String> all = SampleFiles.lines(reference.resolve(f[0]));
            for (int year : needYears) {
                List<String> out = new ArrayList<>();
                out.add(all.get(0));
                all.stream().skip(1).filter(l -> l.startsWith(year + ",")).forEach(out::add);
                if (out.size() > 1) {
                    SampleFiles.write(root.resolve("funding/" + f[1] + year + ".csv"), out, StandardCharsets.UTF_8);
                }
            }
        }
        for (int year : needYears) {
            population.write(year, municipalities);
        }
        List<String> criteria = new ArrayList<>(List.of("criterion,share_percent,national_total_eur"));
        shares2025().forEach((k, v) -> criteria.add(k + "," + String.format(java.util.Locale.ROOT, "%.4f", v)
                + ",25000000000"));
        SampleFiles.write(root.resolve("funding/funding_" + fundingYear + ".csv"), criteria, StandardCharsets.UTF_8);

        List<String> bases = new ArrayList<>(List.of("area_code,criterion,base,coefficient"));
        List<String> costs = new ArrayList<>(List.of("area_code,sector,net_operating_cost_eur"));
        for (Map.Entry<String, double[]> e : areaPopulation.entrySet()) {
            String area = e.getKey();
            if (area.equals("91")) {
                continue;
            }
            long pop = Math.round(e.getValue()[0] * (1 + 0.002 * (fundingYear - 2 - 2018)));
            double old = e.getValue()[1] / e.getValue()[0];
            boolean sparse = List.of("14", "20", "21", "12", "18").contains(area);
            double density = sparse ? 1.5 + random.nextDouble() * 2.5 : 0.4 + random.nextDouble() * 0.8;
            bases.add(area + ",population," + pop + ",1");
            bases.add(area + ",density," + pop + "," + round(density));
            double foreign = area.equals("90") ? 0.19 : List.of("01", "02", "03", "04", "05", "08").contains(area) ? 0.1 : 0.04;
            bases.add(area + ",foreign_language," + Math.round(pop * foreign * (0.9 + 0.2 * random.nextDouble())) + ",1");
            double swedish = Map.of("17", 0.49, "01", 0.31, "03", 0.19, "90", 0.06, "05", 0.06, "18", 0.08)
                    .getOrDefault(area, 0.0);
            if (swedish > 0) {
                bases.add(area + ",bilingual," + Math.round(pop * swedish) + ",1");
            }
            if (area.equals("21")) {
                bases.add(area + ",sami,4000,1");
            }
            if (List.of("05", "17", "01", "10").contains(area)) {
                bases.add(area + ",island," + Math.round(pop * 0.01) + ",1");
            }
            if (List.of("90", "05", "08", "13", "19").contains(area)) {
                bases.add(area + ",university_hospital," + pop + ",1");
            }
            bases.add(area + ",hyte," + pop + "," + round(0.9 + 0.2 * random.nextDouble()));
            bases.add(area + ",rescue_population," + pop + ",1");
            bases.add(area + ",rescue_density," + pop + "," + round(density));
            bases.add(area + ",rescue_risk," + pop + "," + round(0.8 + 0.4 * random.nextDouble()));
            // Costs of the population year (two years before the funding year), shaped by the age structure.
            long costPop = Math.round(e.getValue()[0] * (1 + 0.002 * (fundingYear - 2 - 2018)));
            double ageFactor = old / 0.218;
            Map<String, Double> perResident = new LinkedHashMap<>();
            perResident.put("health", 2050.0 * (0.8 + 0.2 * ageFactor));
            perResident.put("social", 930.0);
            perResident.put("elderly", 1250.0 * ageFactor);
            perResident.put("rescue", 85.0 * (sparse ? 1.3 : 1.0));
            perResident.put("other", 310.0);
            perResident.forEach((sector, pc) -> costs.add(area + "," + sector + ","
                    + Math.round(costPop * pc * (0.92 + 0.16 * random.nextDouble()))));
        }
        SampleFiles.write(root.resolve("funding/funding_bases_" + fundingYear + ".csv"), bases, StandardCharsets.UTF_8);
        SampleFiles.write(root.resolve("funding/costs_" + (fundingYear - 2) + ".csv"), costs, StandardCharsets.UTF_8);
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
