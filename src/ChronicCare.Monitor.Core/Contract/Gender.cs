namespace ChronicCare.Monitor.Contract;

public enum Gender
{
    M,
    F,
}
