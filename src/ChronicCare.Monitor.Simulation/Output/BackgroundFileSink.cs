using System.Collections.Concurrent;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>
/// Writes filled buffers to a file on a dedicated thread, in order, so that the kernel's copy into the page
/// cache (a third of the run time when done inline) overlaps with generation. At most <see cref="Depth"/>
/// buffers are in flight, so memory stays bounded; buffers are recycled.
/// </summary>
internal sealed class BackgroundFileSink : IDisposable
{
    private const int Depth = 3;
    private readonly FileStream _file;
    private readonly BlockingCollection<(byte[] Data, int Length)> _queue = new(Depth);
    private readonly ConcurrentBag<byte[]> _free = [];
    private readonly Thread _thread;
    private Exception? _failure;
    private bool _closed;

    public BackgroundFileSink(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.SequentialScan);
        _thread = new Thread(Run) { IsBackground = true, Name = "simulation file writer" };
        _thread.Start();
    }

    /// <summary>A buffer of at least <paramref name="size"/> bytes to fill (recycled when possible).</summary>
    public byte[] Rent(int size) => _free.TryTake(out var b) && b.Length >= size ? b : new byte[size];

    /// <summary>Queues the first <paramref name="length"/> bytes of <paramref name="data"/>; the sink owns it now.</summary>
    public void Submit(byte[] data, int length)
    {
        ThrowIfFailed();
        _queue.Add((data, length));
    }

    /// <summary>Waits until everything is written and closes the file; rethrows a write failure.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _queue.CompleteAdding();
        _thread.Join();
        _file.Dispose();
        _queue.Dispose();
        ThrowIfFailed();
    }

    public void Dispose() => Close();

    private void Run()
    {
        try
        {
            foreach (var (data, length) in _queue.GetConsumingEnumerable())
            {
                _file.Write(data, 0, length);
                _free.Add(data);
            }
        }
        catch (IOException ex)
        {
            _failure = ex;
            Drain();
        }
        catch (UnauthorizedAccessException ex)
        {
            _failure = ex;
            Drain();
        }
    }

    /// <summary>After a failure, keep taking buffers so the producer never blocks; it sees the failure next time.</summary>
    private void Drain()
    {
        foreach (var _ in _queue.GetConsumingEnumerable())
        {
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException($"writing the simulation output failed: {_failure.Message}", _failure);
        }
    }
}
