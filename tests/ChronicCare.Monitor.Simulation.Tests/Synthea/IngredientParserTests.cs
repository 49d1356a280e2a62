using ChronicCare.Monitor.Simulation.Synthea;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests.Synthea;

public sealed class IngredientParserTests
{
    [Theory]
    [InlineData("lisinopril 10 MG Oral Tablet", "lisinopril")]
    [InlineData("amLODIPine 2.5 MG Oral Tablet", "amlodipine")]
    [InlineData("Hydrochlorothiazide 25 MG / Lisinopril 10 MG Oral Tablet", "hydrochlorothiazide/lisinopril")]
    [InlineData("24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet", "metformin hydrochloride")]
    [InlineData("NDA020503 200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", "albuterol")]
    [InlineData("60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler", "fluticasone propionate/salmeterol")]
    [InlineData("insulin human  isophane 70 UNT/ML / Regular Insulin  Human 30 UNT/ML Injectable Suspension [Humulin]", "insulin human isophane/regular insulin human")]
    public void Parse_RxNormDescription_GivesLowerCaseIngredient(string description, string expected) =>
        Assert.Equal(expected, IngredientParser.Parse(description));
}
