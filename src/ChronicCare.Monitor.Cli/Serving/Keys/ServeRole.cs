namespace ChronicCare.Monitor.Cli.Serving.Keys;

/// <summary>What an API key may do in <c>serve</c>; each role includes the ones below it.</summary>
internal enum ServeRole
{
    /// <summary>Reads alerts, evidence and integrity records.</summary>
    Viewer = 1,

    /// <summary>Also confirms and dismisses alerts (the reviewers roster must agree).</summary>
    Reviewer = 2,

    /// <summary>Also confirms fraud or resale and reinstates actions (the reviewers roster must agree).</summary>
    Supervisor = 3,
}

/// <summary>The roles' names as the keys file and the messages spell them.</summary>
internal static class ServeRoles
{
    public static string Name(ServeRole role) => role switch
    {
        ServeRole.Supervisor => "supervisor",
        ServeRole.Reviewer => "reviewer",
        _ => "viewer",
    };

    public static ServeRole? Parse(string? text) => text switch
    {
        "viewer" => ServeRole.Viewer,
        "reviewer" => ServeRole.Reviewer,
        "supervisor" => ServeRole.Supervisor,
        _ => null,
    };
}
