namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// One node of an isolation tree as trained and saved: a split (<see cref="Feature"/> ≥ 0; values ≤
/// <see cref="Threshold"/> go <see cref="Left"/>, the rest <see cref="Right"/>, both indices into the same tree) or
/// a leaf (<see cref="Feature"/> = −1, children −1). <see cref="Size"/> is the count of training samples that reached
/// it; at a leaf it adds the expected depth of the subtree the height limit cut off.
/// </summary>
public readonly record struct IsolationNode(int Feature, double Threshold, int Left, int Right, int Size)
{
    public bool IsLeaf => Feature < 0;

    public static IsolationNode Leaf(int size) => new(-1, 0, -1, -1, size);
}
