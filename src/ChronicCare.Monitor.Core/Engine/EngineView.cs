using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Engine;

/// <summary>The engine-wide state a patient's evaluation reads (never writes): reference data and the card and presenter indexes.</summary>
internal sealed record EngineView(ReferenceData Reference, UseIndex Cards, UseIndex Presenters);
