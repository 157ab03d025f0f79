"""The course model: pure, frozen data that knows nothing about files or outputs."""

from .base import Id, LanguageTag, Model, is_id
from .content import (
    LESSON_KINDS,
    QUESTION_TYPES,
    CaseStudy,
    Choice,
    ExerciseRef,
    Feedback,
    FillIn,
    Lesson,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Page,
    Question,
    Quiz,
    ResourceList,
    SingleChoice,
    TrueFalse,
)
from .course import Author, Completion, Course, Module, Success, WeightedQuiz
from .glossary import COUNTRY_LANGUAGES, GlossaryEntry, GlossaryFile
from .project import FormatName, Project, Resource, ResourceBank
from .toolkit import (
    EXERCISE_KINDS,
    Calculator,
    Checklist,
    Exercise,
    SelfAssessment,
    Worksheet,
    WorksheetField,
)

__all__ = [
    "COUNTRY_LANGUAGES", "EXERCISE_KINDS", "LESSON_KINDS", "QUESTION_TYPES", "Author", "Calculator",
    "CaseStudy", "Checklist", "Choice", "Completion", "Course", "Exercise", "ExerciseRef", "Feedback",
    "FillIn", "FormatName", "GlossaryEntry", "GlossaryFile", "Id", "LanguageTag", "Lesson", "Matching",
    "Model", "Module", "MultipleChoice", "Numeric", "Ordering", "Page", "Project", "Question", "Quiz",
    "Resource", "ResourceBank", "ResourceList", "SelfAssessment", "SingleChoice", "Success", "TrueFalse",
    "WeightedQuiz", "Worksheet", "WorksheetField", "is_id",
]
