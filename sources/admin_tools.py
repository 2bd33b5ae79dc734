"""Admin building blocks every editing screen shares: stale-save refusal, history, ordered inlines."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.forms import TagField
from taggit.managers import TaggableManager
from taggit.models import Tag

from sources.models import StaleEditError

REORDER_OFFSET = 1_000_000

# Rules added by the app that publishes (the evidence app does not know who reads what): each takes
# (record, user) and returns why the user may not change or delete that record, or None.
RECORD_LOCKS: list = []


def lock_reason(obj, user) -> str | None:
    return next((reason for rule in RECORD_LOCKS if (reason := rule(obj, user))), None)


class VersionedForm(forms.ModelForm):
    """Carries the version the editor saw; a save based on an older one is refused, not merged."""

    seen_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**63 - 1
    )
    # Set by the admin while restoring history: the version that was live before the restore.
    restore_live_version = None
    skip_version_check = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            live = self.restore_live_version
            self.fields["seen_version"].initial = live if live is not None else self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or self.skip_version_check:
            return cleaned
        seen = cleaned.get("seen_version")
        if self.restore_live_version is not None:
            current = self.restore_live_version
        else:
            current = self.instance.version
        if seen != current:
            raise ValidationError(self.instance.stale_error().message, code="stale")
        if self.restore_live_version is None:
            # The save itself re-checks against the database, closing the race after this check.
            self.instance.version = seen
        return cleaned


def own_version(model, version_id, *, object_id=None) -> Version:
    """A history version of `model` (and of that object): never another model's, whatever the URL says."""
    versions = Version.objects.get_for_model(model)
    if object_id is not None:
        versions = versions.filter(object_id=str(object_id))
    return get_object_or_404(versions, pk=version_id)


def get_or_404(model_admin, request, object_id):
    """The admin's object for a URL id (a garbled id is a 404, not a 500)."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404(f"No {model_admin.model._meta.verbose_name} with that id.")
    return obj


def posted_version(request) -> int:
    """The version an action's form was opened at (-1 when missing or garbled: it is then stale)."""
    try:
        return int(request.POST.get("seen_version", "")[:20])
    except ValueError:
        return -1


def with_seen_version(fieldsets):
    """Fieldsets that also render the hidden `seen_version`, which a save must send back."""
    fieldsets = list(fieldsets)
    named = {name for _, options in fieldsets for name in flatten_fieldsets([(None, options)])}
    if not fieldsets or "seen_version" in named:
        return fieldsets
    title, options = fieldsets[0]
    return [(title, {**options, "fields": [*options["fields"], "seen_version"]}), *fieldsets[1:]]


class BoundedTagField(TagField):
    """Tags as taggit parses them, each within what the tags table holds, and not too many."""

    MAX_TAGS = 50

    def clean(self, value):
        tags = super().clean(value)
        limit = Tag._meta.get_field("name").max_length
        too_long = [tag for tag in tags if len(tag) > limit]
        if too_long:
            raise ValidationError(f"A tag can have at most {limit} characters (one has {len(too_long[0])}).")
        if len(tags) > self.MAX_TAGS:
            raise ValidationError(f"At most {self.MAX_TAGS} tags ({len(tags)} given).")
        return tags


class _KnownIdsOnly:
    """Re-rendering a refused form must not look up a crafted value that is not an id (it would raise)."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        valid = []
        for item in value:
            try:
                target.run_validators(target.to_python(item))  # an id, and within the column's range
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_KnownIdsOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_KnownIdsOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """Autocomplete fields that answer a crafted value with a form error, never a 500."""

    SAFE = {
        AutocompleteSelect: SafeAutocompleteSelect,
        AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
    }

    def _safe(self, field):
        if field is not None and type(field.widget) in self.SAFE:
            field.widget.__class__ = self.SAFE[type(field.widget)]
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._safe(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._safe(super().formfield_for_manytomany(db_field, request, **kwargs))


class LockedRecordsMixin:
    """A record readers see is shown read-only to those who may not change it (see RECORD_LOCKS)."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not lock_reason(obj, request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not lock_reason(obj, request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            reason = lock_reason(self.get_object(request, unquote(object_id)), request.user)
            if reason:
                messages.info(request, reason)
        return super().change_view(request, object_id, form_url, extra_context)


class VersionedAdminMixin:
    """For ModelAdmins of versioned models: records who saved, refuses stale saves on every path."""

    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        return with_seen_version(super().get_fieldsets(request, obj))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        live = getattr(request, "_restore_live_version", None)
        if live is not None:
            form = type(form.__name__, (form,), {"restore_live_version": live})
        return form

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if hasattr(inline_form.instance, "updated_by_id") and inline_form.has_changed():
                inline_form.instance.updated_by = request.user
        super().save_formset(request, form, formset, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError as error:
            # The race lost after the form check: the transaction rolled back, nothing was written.
            messages.error(request, error.message)
            return HttpResponseRedirect(request.get_full_path())

    def revision_view(self, request, object_id, version_id, extra_context=None):
        own_version(self.model, version_id, object_id=unquote(object_id))
        request._restore_live_version = self._live_version(object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = own_version(self.model, version_id)
        if self.model._base_manager.filter(pk=version.object_id).exists():
            raise Http404("That record was not deleted.")
        return super().recover_view(request, version_id, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # A restore brings back what the revision held; it never deletes rows that came later to make
        # room (they may be cited or used elsewhere: deleting them would fail, or lose work).
        revert = version.revision.revert
        version.revision.revert = lambda delete=False: revert(delete=False)
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def _live_version(self, object_id):
        return self.model._base_manager.filter(pk=object_id).values_list("version", flat=True).first()


class OrderedInlineFormSet(forms.BaseInlineFormSet):
    """Ordered children: blank positions go last, duplicates are refused, and swaps just work."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "position" in form.fields:
            form.fields["position"].required = False
            if not form.instance.pk:
                # A new row shows an empty position and goes last, rather than clashing at 0.
                form.initial.pop("position", None)
                form.fields["position"].initial = None
            # Row-by-row checks against the database would refuse a swap; clean() checks the set.
            exclusions = form._get_validation_exclusions
            form._get_validation_exclusions = lambda: exclusions() | {"position"}

    def clean(self):
        super().clean()
        kept = [
            f
            for f in self.forms
            if f.is_valid() and f not in self.deleted_forms and (f.instance.pk or f.has_changed())
        ]
        if not kept or "position" not in kept[0].fields:
            return
        taken = [f.cleaned_data.get("position") for f in kept]
        numbers = [p for p in taken if p is not None]
        duplicates = sorted({p for p in numbers if numbers.count(p) > 1})
        if duplicates:
            raise ValidationError(
                f"Two rows share position {duplicates[0]}; give each row its own position.",
                code="duplicate_position",
            )
        following = max(numbers, default=0) + 1
        for f in kept:
            if f.cleaned_data.get("position") is None:
                f.cleaned_data["position"] = following
                f.instance.position = following
                following += 1

    def save_existing_objects(self, commit=True):
        moved = [
            f.instance.pk
            for f in self.initial_forms
            if f.instance.pk and "position" in f.changed_data and f not in self.deleted_forms
        ]
        if commit and moved:
            self.model._base_manager.filter(pk__in=moved).update(position=F("position") + REORDER_OFFSET)
        return super().save_existing_objects(commit)


class OrderedInlineMixin:
    """For inlines of children ordered by `position`."""

    formset = OrderedInlineFormSet
    extra = 0


class VersionedInlineMixin(SafeAutocompleteMixin):
    """For inlines of versioned children: each row refuses a stale save too."""

    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        return with_seen_version(super().get_fieldsets(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if getattr(request, "_restore_live_version", None) is not None:
            # A restore replaces the children with their old versions; the parent's check covers them.
            formset.form = type(formset.form.__name__, (formset.form,), {"skip_version_check": True})
        return formset


class EditorAdmin(SafeAutocompleteMixin, LockedRecordsMixin, VersionedAdminMixin, VersionAdmin):
    """Base for every editing screen: versioned saves, history with restore, sensible list sizes."""

    formfield_overrides = {TaggableManager: {"form_class": BoundedTagField}}
    list_per_page = 50
    save_on_top = True
    history_latest_first = True


class LabelledRowsMixin(SafeAutocompleteMixin):
    """Tabular inlines label their inputs only by column headers; screen readers get aria-labels."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        noun = self.model._meta.verbose_name

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                row = f"{noun} {index + 1}" if index is not None else f"new {noun}"
                for name, field in form.fields.items():
                    label = "delete" if name == "DELETE" else (field.label or name.replace("_", " "))
                    field.widget.attrs.setdefault("aria-label", f"{row}: {label}")

        return LabelledFormSet
