namespace DtsAssistant.Reporting.Forms;

/// <summary>The kinds of question a form can ask. Shared by the form engine and the chat input parser.</summary>
public enum QuestionType
{
    YesNo,
    Integer,
    Percentage,
    Choice,
    MultiChoice,
    Text,
}
