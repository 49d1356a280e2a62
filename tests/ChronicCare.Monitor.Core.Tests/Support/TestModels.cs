using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Modeling.Evaluation;
using ChronicCare.Monitor.Modeling.Pca;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reference;
using Microsoft.Extensions.Time.Testing;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Support;

/// <summary>
/// Real outlier models over <see cref="World"/> for R15 tests: hand-written <see cref="Tables"/> (every drug's usual
/// quantity is 1 a day, each ingredient's cheapest reference price, fixed monthly spends per disease), a robust scaler
/// and a Mahalanobis PCA (Modeling's trainer) fitted on the engine's own features of a year of ordinary monthly refills
/// (prices within a few percent of the reference, hours 08..17, co-payments of 10..30 %, a few exams, brands and long
/// prescriptions), and a
/// threshold either calibrated on those settlements' scores or chosen by the test.
/// </summary>
internal static class TestModels
{
    public const string Version = "test-v1";

    /// <summary>The usual monthly drug spend per disease in <see cref="Tables"/>; an unknown disease gets <see cref="MonthlySpend"/>.</summary>
    public const double HtnMonthlySpend = 20;

    public const double MonthlySpend = 15;

    private static readonly Lazy<Fitted> Fit = new(FitOnOrdinarySettlements);

    public static FeatureTables Tables { get; } = BuildTables();

    /// <summary>The raw feature vectors the scaler and the PCA were fitted on.</summary>
    public static IReadOnlyList<double[]> TrainingVectors => Fit.Value.Rows;

    /// <summary>The training settlements' scores under the fitted scaler and PCA.</summary>
    public static IReadOnlyList<double> TrainingScores => Fit.Value.Scores;

    /// <summary>The fitted model with its threshold calibrated so that <paramref name="rate"/> of the training settlements score above it.</summary>
    public static OutlierModel Calibrated(double rate = 0.02, string version = Version) =>
        new(version, Tables, Fit.Value.Scaler, Fit.Value.Scorer, Calibration.ThresholdForRate(Fit.Value.Scores, rate), rate);

    /// <summary>The fitted model with an explicit threshold (e.g. exactly a settlement's score, for boundary tests).</summary>
    public static OutlierModel WithThreshold(double threshold, string version = Version, double rate = 0.02) =>
        new(version, Tables, Fit.Value.Scaler, Fit.Value.Scorer, threshold, rate);

    /// <summary>The model's exact (unrounded) score of a raw feature vector.</summary>
    public static double ScoreOf(OutlierModel model, double[] features) => model.Score(features, new double[OutlierFeatures.Count]);

    /// <summary>
    /// The features the engine extracts for every settlement of <paramref name="events"/> applied as one batch (the
    /// full history), with <paramref name="tables"/> (default <see cref="Tables"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, double[]> Capture(IEnumerable<InputEvent> events, ReferenceData? reference = null, FeatureTables? tables = null)
    {
        var capture = new FeatureCapture(tables ?? Tables);
        var engine = new DetectionEngine(DetectionPolicy.Default, reference ?? World.Reference(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)))
        {
            Capture = capture,
        };
        foreach (var e in events)
        {
            engine.Apply(e);
        }

        engine.Flush();
        return capture.Vectors().ToDictionary(v => v.SettlementId, v => v.Features, StringComparer.Ordinal);
    }

    /// <summary>The exact score <paramref name="model"/> gives <paramref name="settlementId"/> when the engine judges <paramref name="events"/>.</summary>
    public static double ScoreIn(OutlierModel model, IEnumerable<InputEvent> events, string settlementId, ReferenceData? reference = null) =>
        ScoreOf(model, Capture(events, reference, model.Tables)[settlementId]);

    /// <summary>
    /// A year of ordinary care: 40 patients refilling every ~30 days (26..34) at their usual facility, at unit prices
    /// within ±5 % of the reference, some with a statin, a few with the brand amlodipine (now and then the generic instead), a metformin group under T2DM,
    /// co-payments of 10..30 % by patient,
    /// a few on 60-day long prescriptions, an exam now and then.
    /// </summary>
    public static IReadOnlyList<Settlement> OrdinarySettlements()
    {
        var rng = new Random(20260301);
        string[] facilities = [World.Hospital, World.Hospital2, World.Community2, World.Pharmacy];
        var list = new List<Settlement>();
        for (var p = 0; p < 40; p++)
        {
            var patient = $"TP{p}";
            var facility = facilities[p % facilities.Length];
            var diabetic = p % 5 == 4;
            var brand = p % 10 == 3;
            var statin = p % 3 == 0;
            var longRx = p % 13 == 5;
            var days = longRx ? 60 : 30;
            var fundShare = 0.7m + (0.05m * (p % 5));
            var day = new DateOnly(2026, 1, 1).AddDays(rng.Next(0, 20));
            for (var n = 0; day.Year == 2026; n++)
            {
                var at = $"{day:yyyy-MM-dd}T{rng.Next(8, 18):D2}:{rng.Next(0, 60):D2}:00+08:00";
                var b = S($"T{p:D2}-{n:D2}").At(at).Patient(patient).Facility(rng.Next(12) == 0 ? facilities[rng.Next(facilities.Length)] : facility)
                    .Disease(diabetic ? "T2DM" : "HTN").Long(longRx);
                var total = 0m;
                if (diabetic)
                {
                    total += Line(b, rng, World.Metformin, 0.12m, days);
                }
                else
                {
                    // A brand patient now and then gets the generic (out of stock), and back.
                    var generic = !brand || rng.Next(10) == 0;
                    total += Line(b, rng, generic ? World.Amlodipine : World.AmlodipineBrand, generic ? 0.35m : 2.10m, days);
                    if (statin)
                    {
                        total += Line(b, rng, World.Atorvastatin, 1.05m, days);
                    }
                }

                if (rng.Next(6) == 0)
                {
                    var exam = rng.Next(15, 45);
                    b.Exam(exam);
                    total += exam;
                }

                list.Add(b.FundPaid(Math.Round(total * fundShare, 2)).Build());
                day = day.AddDays(days + rng.Next(-4, 5));
            }
        }

        return list;
    }

    private static decimal Line(SettlementBuilder b, Random rng, string drug, decimal reference, int days)
    {
        // Quantity 1 a day, give or take a tablet or two; price within ±5 % of the reference, to the fen.
        var quantity = days + rng.Next(-2, 3);
        var amount = Math.Round(reference * (1 + (rng.Next(-5, 6) / 100m)) * quantity, 2);
        b.Drug(drug, days, amount, quantity);
        return amount;
    }

    private static FeatureTables BuildTables()
    {
        var reference = World.Reference();
        var drugs = reference.Drugs.ToList();
        var cheapest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var d in drugs)
        {
            var p = (double)d.ReferenceUnitPrice;
            cheapest[d.Ingredient] = cheapest.TryGetValue(d.Ingredient, out var c) ? Math.Min(c, p) : p;
        }

        return new FeatureTables(
            drugs.ToDictionary(d => d.DrugCode, _ => 1.0, StringComparer.Ordinal),
            drugs.Select(d => d.Ingredient).Distinct(StringComparer.Ordinal).ToDictionary(i => i, _ => 1.0, StringComparer.Ordinal),
            cheapest,
            new Dictionary<string, double>(StringComparer.Ordinal) { ["HTN"] = HtnMonthlySpend, ["T2DM"] = 4, ["CHD"] = 40 },
            MonthlySpend);
    }

    private static Fitted FitOnOrdinarySettlements()
    {
        var rows = Capture(OrdinarySettlements()).Values.ToList();
        var scaler = RobustScaler.Fit(rows);
        var scaled = rows.Select(r => scaler.Transform(r)).ToList();
        var scorer = PcaTrainer.Train(scaled, new PcaOptions());
        return new Fitted(rows, scaler, scorer, scaled.Select(x => scorer.Score(x)).ToList());
    }

    private sealed record Fitted(IReadOnlyList<double[]> Rows, RobustScaler Scaler, PcaScorer Scorer, IReadOnlyList<double> Scores);
}
