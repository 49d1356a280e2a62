namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// The model R15 scores with, swappable while the engine runs (a new version is picked up without a restart).
/// A patient's evaluation reads it once, so one evaluation never mixes two models; settlements judged before a
/// swap keep their alerts until their patient is evaluated again. Empty = no model could be loaded: the rules run
/// alone and R15's alerts stand as they were (an engine given no slot at all has R15 off).
/// </summary>
public sealed class OutlierModelSlot
{
    private volatile OutlierModel? _current;

    public OutlierModelSlot(OutlierModel? model = null)
    {
        _current = model;
    }

    public OutlierModel? Current
    {
        get => _current;
        set => _current = value;
    }
}
