using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Modeling.Forest;

/// <summary>
/// Grows an Isolation Forest (Liu, Ting and Zhou 2008): each tree on ψ rows drawn without replacement, each split on a
/// feature drawn among those not constant in the node at a threshold uniform in that feature's [min, max) there,
/// until a node holds one row or reaches the height limit ⌈log₂ ψ⌉. A fixed seed gives the same forest, bit for
/// bit, on every machine (<see cref="DeterministicRng"/>).
/// </summary>
internal static class IsolationForestTrainer
{
    public static IsolationForest Train(IReadOnlyList<double[]> rows, IsolationForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options.Validate();
        if (rows.Count == 0)
        {
            throw new ArgumentException("cannot train on no rows", nameof(rows));
        }

        var d = rows[0].Length;
        foreach (var row in rows)
        {
            if (row.Length != d || d == 0 || row.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"every row needs the same {d} ≥ 1 finite features", nameof(rows));
            }
        }

        var psi = Math.Min(options.SampleSize, rows.Count);
        var builder = new TreeBuilder(rows, d, (int)Math.Ceiling(Math.Log2(psi)), new DeterministicRng(options.Seed));
        var permutation = Enumerable.Range(0, rows.Count).ToArray();
        var trees = new List<IsolationNode[]>(options.Trees);
        for (var t = 0; t < options.Trees; t++)
        {
            trees.Add(builder.Grow(permutation, psi));
        }

        return new IsolationForest(d, psi, trees);
    }

    /// <summary>Grows trees one after another, reusing its scratch; children are numbered after their parent.</summary>
    private sealed class TreeBuilder(IReadOnlyList<double[]> rows, int dimensions, int heightLimit, DeterministicRng rng)
    {
        private readonly List<IsolationNode> _nodes = [];
        private readonly double[] _min = new double[dimensions];
        private readonly double[] _max = new double[dimensions];
        private readonly int[] _candidates = new int[dimensions];
        private int[] _sample = [];

        public IsolationNode[] Grow(int[] permutation, int psi)
        {
            // A partial Fisher–Yates shuffle draws ψ rows without replacement; the permutation need not be reset between
            // trees, as any permutation shuffled again stays uniform.
            for (var i = 0; i < psi; i++)
            {
                var j = i + rng.Next(permutation.Length - i);
                (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
            }

            _sample = permutation[..psi];
            _nodes.Clear();
            Split(0, psi, 0);
            return [.. _nodes];
        }

        /// <summary>Adds the node over _sample[lo..hi) and its subtree; returns its index.</summary>
        private int Split(int lo, int hi, int depth)
        {
            var index = _nodes.Count;
            var size = hi - lo;
            _nodes.Add(IsolationNode.Leaf(size));
            if (depth >= heightLimit || size <= 1)
            {
                return index;
            }

            var candidates = NonConstantFeatures(lo, hi);
            if (candidates == 0)
            {
                return index;
            }

            var feature = _candidates[rng.Next(candidates)];
            var (min, max) = (_min[feature], _max[feature]);
            var threshold = min + (rng.NextDouble() * (max - min));
            if (threshold >= max)
            {
                // Rounding can land on max, which would send every row left: step just below it.
                threshold = Math.BitDecrement(max);
            }

            var mid = Partition(lo, hi, feature, threshold);
            var left = Split(lo, mid, depth + 1);
            var right = Split(mid, hi, depth + 1);
            _nodes[index] = new IsolationNode(feature, threshold, left, right, size);
            return index;
        }

        private int NonConstantFeatures(int lo, int hi)
        {
            Array.Fill(_min, double.PositiveInfinity);
            Array.Fill(_max, double.NegativeInfinity);
            for (var i = lo; i < hi; i++)
            {
                var row = rows[_sample[i]];
                for (var j = 0; j < dimensions; j++)
                {
                    _min[j] = Math.Min(_min[j], row[j]);
                    _max[j] = Math.Max(_max[j], row[j]);
                }
            }

            var count = 0;
            for (var j = 0; j < dimensions; j++)
            {
                if (_max[j] > _min[j])
                {
                    _candidates[count++] = j;
                }
            }

            return count;
        }

        /// <summary>Moves the rows with feature ≤ threshold to the front of [lo, hi); returns where the rest start.</summary>
        private int Partition(int lo, int hi, int feature, double threshold)
        {
            var mid = lo;
            for (var i = lo; i < hi; i++)
            {
                if (rows[_sample[i]][feature] <= threshold)
                {
                    (_sample[i], _sample[mid]) = (_sample[mid], _sample[i]);
                    mid++;
                }
            }

            return mid;
        }
    }
}
