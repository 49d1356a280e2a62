using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Serving;

/// <summary>
/// The log lines of <c>serve</c>. None carries a key, a patient id or a subject id (action ids name the patient):
/// who decided, what kind of decision and on which rule is enough to follow the audit trail in the store.
/// </summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "triage API and page listening on {Address} (store {Store}, {Keys} API keys)")]
    public static partial void Listening(ILogger logger, string address, string store, int keys);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "decision recorded: {Verdict} on {Rule} by {User}{Repeat}")]
    public static partial void DecisionRecorded(ILogger logger, string verdict, string rule, string user, string repeat);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "decision refused ({Status}): {Verdict} by {User}")]
    public static partial void DecisionRefused(ILogger logger, int status, string verdict, string user);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "decision recorded but not sent to the events topic: {Verdict} by {User}")]
    public static partial void DecisionNotSent(ILogger logger, string verdict, string user);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "request failed: {ExceptionType}")]
    public static partial void RequestFailed(ILogger logger, string exceptionType);
}
