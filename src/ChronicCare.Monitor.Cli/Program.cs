using ChronicCare.Monitor.Cli;

return await ChronicCareCli.RunAsync(args, CliContext.System).ConfigureAwait(false);
