"""The course model: pure, frozen data that knows nothing about files or outputs."""

from .base import COUNTRIES, CountryId, Id, LanguageTag, Model, is_id
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
from .course import Author, Completion, Course, LearnerPath, Module, Success, WeightedQuiz
from .glossary import COUNTRY_LANGUAGES, GlossaryEntry, GlossaryFile
from .guide import Guide, GuideSection, GuideSession, GuideStep
from .project import FormatName, Project, Resource, ResourceBank
from .survey import ITEM_TYPES, Scale, Survey, SurveyItem, SurveyOption
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
    "COUNTRIES", "COUNTRY_LANGUAGES", "EXERCISE_KINDS", "ITEM_TYPES", "LESSON_KINDS", "QUESTION_TYPES", "Author",
    "Calculator", "CaseStudy", "Checklist", "Choice", "Completion", "CountryId", "Course", "Exercise", "ExerciseRef",
    "Feedback", "FillIn", "FormatName", "GlossaryEntry", "GlossaryFile", "Guide",
    "GuideSection", "GuideSession", "GuideStep", "Id", "LanguageTag", "LearnerPath", "Lesson",
    "Matching", "Model", "Module", "MultipleChoice", "Numeric", "Ordering", "Page", "Project", "Question", "Quiz",
    "Resource", "ResourceBank", "ResourceList", "Scale", "SelfAssessment", "SingleChoice", "Success", "Survey",
    "SurveyItem", "SurveyOption", "TrueFalse", "WeightedQuiz", "Worksheet", "WorksheetField", "is_id",
]
