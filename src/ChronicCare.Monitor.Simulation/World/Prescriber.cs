using System.Text.Json;

namespace ChronicCare.Monitor.Simulation.World;

internal enum PrescriberTitle
{
    Resident,
    Attending,
    AssociateChief,
    Chief,
}

/// <summary>A 医保医师 of one facility; <see cref="Encoded"/> is the id pre-encoded for the event writer.</summary>
internal readonly record struct Prescriber(string Id, PrescriberTitle Title)
{
    public JsonEncodedText Encoded { get; } = JsonEncodedText.Encode(Id);
}
