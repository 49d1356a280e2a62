using System.Globalization;
using System.Text;
using ChronicCare.Monitor.Modeling.Odds;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>The model card (<c>README.md</c> beside <c>model.json</c>), written by <c>train</c> from what it measured.</summary>
internal static class ModelCard
{
    public static string Markdown(OutlierModel model, IReadOnlyList<Candidate> candidates, Candidate chosen, OddsBenchmarkResult? odds, TrainOptions options)
    {
        var b = new StringBuilder();
        void Line(string s = "") => b.Append(s).Append('\n');
        var ic = CultureInfo.InvariantCulture;
        Line($"# Outlier model {model.Version} (R15 OUTLIER_SCORE 异常评分)");
        Line();
        Line(string.Create(ic, $"Kind: **{model.Kind}**. Threshold: **{model.Threshold:0.000000}** (R15 fires strictly above it), calibrated so that {model.TargetAlertRate:P2} of the training settlements score above it (policy `outlier.target_alert_rate`). Trained {model.TrainedAt ?? "(unknown)"} by `chroniccare train`; the numbers below are that run's own."));
        Line();
        Line("## Intended use");
        Line();
        Line("Scores every outpatient chronic-disease settlement for how far it is from ordinary ones, so that fund supervisors see the");
        Line("settlements no exact rule names: inflated unit prices (虚高价格), a cheap generic billed as a dear brand (串换药品), odd");
        Line("quantity and amount combinations (seed Chongqing 三(二): 对非正常浮动指标智能分析). An R15 alert is a lead for a reviewer,");
        Line("ranked low by default: its evidence names the score, the threshold and the three features that contributed most, each");
        Line("with its value and the training median. **Not** for sanctions on its own: no integrity action follows from R15 without");
        Line("triage, and it says nothing about a patient, only about one settlement.");
        Line();
        Line("## Data");
        Line();
        Line($"Training summary (`training` in model.json): `{model.TrainingJson}`.");
        Line();
        Line("Unsupervised: labels, where there are some (the simulator writes them), are used only to evaluate and to choose between the");
        Line(string.Create(ic, $"two model kinds, on patients held out of fitting ({TrainOptions.HoldoutShare:P0} of the patients by a hash of the id; the feature tables, the"));
        Line("scaling and the models are learnt from the other patients only). The simulator's data is synthetic: a city's reference data");
        Line("and settlements built from clinical regimens, with labelled deviations injected.");
        Line();
        Line("## Features");
        Line();
        Line("Extracted per settlement by the engine, in supply order, from the settlement, the reference and the state it keeps");
        Line("(the supply ledger and the month's sums); ratios are natural logs clamped to ±5; each feature scaled by its training median and");
        Line("IQR/1.349, else MAD × 1.4826, else its standard deviation (a feature that is nearly always one value), else 1.");
        Line();
        Line("| # | feature | meaning | training median |");
        Line("|---:|---|---|---:|");
        for (var i = 0; i < OutlierFeatures.Count; i++)
        {
            var f = OutlierFeatures.All[i];
            Line(string.Create(ic, $"| {i + 1} | `{f.Name}` | {f.Meaning} ({f.MeaningZh}) | {model.Scaler.Median[i]:0.###} |"));
        }

        Line();
        Line("## Evaluation on the held-out patients");
        Line();
        var positives = chosen.Evaluation.RecallByPattern.Values.Sum(v => v.Total);
        Line(string.Create(ic, $"{positives} labelled model-only deviations fall among the held-out patients. The kind is chosen on these same patients, so the"));
        Line("chosen model's figures here lean optimistic; `chroniccare outlier-bench` measures it on a simulated city it never saw.");
        Line();
        Line("| model | alert rate | ROC-AUC (model-only deviations) | average precision | recall at the threshold | recall by pattern |");
        Line("|---|---:|---:|---:|---:|---|");
        foreach (var c in candidates)
        {
            var e = c.Evaluation;
            var name = c == chosen ? $"**{c.Kind}** (chosen)" : c.Kind;
            Line(string.Create(ic, $"| {name} | {e.AlertRate:P2} | {Num(e.RocAuc)} | {Num(e.AveragePrecision)} | {Pct(e.Recall)} | {string.Join(", ", e.RecallByPattern.Select(kv => $"{kv.Key} {kv.Value.Caught}/{kv.Value.Total}"))} |"));
        }

        Line();
        if (odds is not null)
        {
            Line("## Benchmark on the ODDS tables");
            Line();
            Line("The same trainers on the public ODDS outlier tables, PyOD's benchmark protocol (`chroniccare outlier-bench`):");
            Line();
            b.Append(odds.Markdown());
            Line();
        }

        Line("## Limits");
        Line();
        Line("- Trained on simulated settlements: on a real city's data, train it again (`chroniccare train`) and read this card's figures anew.");
        Line(string.Create(ic, $"- The threshold fixes the alert *rate* on data like the training data, not a precision: at {model.TargetAlertRate:P1} most R15 alerts are"));
        Line("  ordinary settlements that happen to be rare (a new drug, an unusual visit hour); labelled deviations are far rarer than that.");
        Line("- R15 scores settlements within the policy's allowed lateness; one arriving later is judged by the rules alone.");
        Line("- Deviations spread across many small changes (each feature near ordinary) score low; so do those the features cannot see");
        Line("  (a fake patient whose every settlement is ordinary).");
        Line("- Features read only the patient's own kept history and the tables; a drug or disease new since training reads as ordinary");
        Line("  for its ratios (no usual value known) until the model is trained again.");
        Line("- A model whose feature schema differs from the running build's is refused with a clear error; the rules go on alone.");
        Line();
        Line("## Use");
        Line();
        Line("`chroniccare detect` and `chroniccare run` score with the highest `models/outlier-vN` by default (`--model` names another,");
        Line("`--model none` turns R15 off); `run` picks up a new version without a restart. Train a new version with");
        Line($"`chroniccare train --reference DIR --events FILE --out models/outlier-vN+1`.");
        Line();
        Line("## Reproduce");
        Line();
        var command = new StringBuilder(string.Create(ic, $"chroniccare train --reference {Path.GetFileName(Path.TrimEndingDirectorySeparator(options.ReferenceDir))} --events {Path.GetFileName(options.EventsFile)} --out {model.Version} --kind {options.Kind} --seed {options.Seed} --trees {options.Trees}"));
        if (options.PolicyPath is not null)
        {
            command.Append(" --policy ").Append(options.PolicyPath);
        }

        if (options.LabelsFile is not null)
        {
            command.Append(" --labels ").Append(Path.GetFileName(options.LabelsFile));
        }

        command.Append(" --odds ").Append(options.OddsDir ?? Path.Combine("..", "shared", "datasets", "odds"));
        Line($"`{command}` on the same files (and the same ODDS tables, whose figures are in `evaluation`) gives the same model.json apart from `trained_at`.");
        return b.ToString();
    }

    private static string Num(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : v.ToString("P1", CultureInfo.InvariantCulture);
}
