using System.Text;
using ChronicCare.Monitor.Cli.Serving.Keys;

namespace ChronicCare.Monitor.Cli.Serving.Pages;

/// <summary>The frame of every page: title bar, who is logged in with a log-out form, then the content.</summary>
internal static class PageLayout
{
    public static string Document(string title, Caller? caller, FormToken? token, string content)
    {
        var sb = new StringBuilder(8 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · 预警处置 Alert triage</title><style>").Append(PageStyles.Css).Append("</style></head><body>")
            .Append("<header class=\"bar\"><h1><a href=\"").Append(ServeRoutes.Page).Append("\">预警处置 <small>Alert triage</small></a></h1>");
        if (caller is not null && token is not null)
        {
            sb.Append("<nav><span id=\"who\">").Append(Html.E(caller.User)).Append(" <small>(").Append(ServeRoles.Name(caller.Role)).Append(")</small></span>")
                .Append("<a href=\"").Append(ServeRoutes.Page).Append("\">预警列表 <small>Alerts</small></a>")
                .Append("<form method=\"post\" action=\"").Append(ServeRoutes.Page).Append("/logout\">").Append(Html.Token(token))
                .Append("<button class=\"secondary\" type=\"submit\">退出 <small>Log out</small></button></form></nav>");
        }

        sb.Append("</header><main>").Append(content).Append("</main></body></html>");
        return sb.ToString();
    }
}
