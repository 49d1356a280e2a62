namespace ChronicCare.Monitor.Contract;

/// <summary>
/// A bad event (contract §6): its original bytes, where it came from (file and line, or topic, partition and
/// offset) and why it was refused. <see cref="Source"/> is the file name, or the topic when <see cref="Partition"/>
/// is set (then <see cref="Line"/> is the offset).
/// </summary>
public sealed record DeadLetter(string Source, long Line, int? Partition, string Reason, ReadOnlyMemory<byte> Original);
