# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.model.exceptions import ValidationError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction

# The period key of each reset frequency: the counter restarts when the key
# of the sequence's date changes.
PERIOD_FORMATS = {
    'yearly': '%Y',
    'monthly': '%Y%m',
    'daily': '%Y%m%d',
    }


def period_key(reset, date):
    "Return the key of the period of date ('2026', '202611', '20261127')"
    return date.strftime(PERIOD_FORMATS[reset])


def is_period_key(reset, key):
    "Tell whether key is a valid period key for the reset frequency"
    if not key or not key.isdigit():
        return False
    try:
        date = dt.datetime.strptime(key, PERIOD_FORMATS[reset]).date()
    except ValueError:
        return False
    return period_key(reset, date) == key


class PeriodicSequenceMixin:
    # 业务号规则: numbers such as HT-202611-0001 whose counter restarts every
    # year, month or day. The counter of each period is a row of
    # ir.sequence.period, locked with its sequence while a number is taken.
    __slots__ = ()
    _period_field = None

    reset = fields.Selection([
            ('never', "Never"),
            ('yearly', "Yearly"),
            ('monthly', "Monthly"),
            ('daily', "Daily"),
            ], "Restart Numbering",
        # Not required in the database: the modules activated after
        # ame_base but loaded before it (account ...) create sequences
        # without knowing the column; an empty value means never.
        states={
            'invisible': Eval('type') != 'incremental',
            'required': Eval('type') == 'incremental',
            },
        help="When the counter starts again from 1: every year, month or "
        "day (of the document date), or never.")
    next_number = fields.Function(fields.Char(
            "Next Document Number",
            help="The number that the next document gets today."),
        'get_next_number')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # With a periodic reset, the counters of the periods replace the
        # sequence's own next number.
        cls.number_next.states = cls.number_next.states.copy()
        cls.number_next.states['invisible'] = (
            cls.number_next.states.get('invisible', False)
            | (Eval('reset', 'never') != 'never'))
        cls.number_next.depends = (
            set(cls.number_next.depends or ()) | {'reset'})

    @classmethod
    def default_reset(cls):
        return 'never'

    @classmethod
    def copy(cls, sequences, default=None):
        # A copy numbers from 1: the counters belong to the original.
        default = default.copy() if default is not None else {}
        default.setdefault('periods', None)
        return super().copy(sequences, default=default)

    @classmethod
    def validate_fields(cls, sequences, field_names):
        super().validate_fields(sequences, field_names)
        cls.check_reset(sequences, field_names)

    @classmethod
    def check_reset(cls, sequences, field_names=None):
        if field_names and not (field_names & {'reset', 'type'}):
            return
        for sequence in sequences:
            if (sequence.reset not in {None, 'never'}
                    and sequence.type != 'incremental'):
                raise ValidationError(gettext(
                        'ame_base.msg_sequence_reset_incremental',
                        sequence=sequence.rec_name))

    @property
    def periodic(self):
        "Tell whether the counter restarts every period"
        return self.type == 'incremental' and self.reset not in {
            None, 'never'}

    @classmethod
    def _period_date(cls):
        "Return the date that numbers: the context date or today"
        pool = Pool()
        Date = pool.get('ir.date')
        return Transaction().context.get('date') or Date.today()

    def _period(self):
        "Return the period record of the current date, unsaved when new"
        pool = Pool()
        Period = pool.get('ir.sequence.period')
        key = period_key(self.reset, self._period_date())
        periods = Period.search([
                (self._period_field, '=', self.id),
                ('period', '=', key),
                ], limit=1)
        if periods:
            period, = periods
        else:
            period = Period(period=key)
            setattr(period, self._period_field, self)
            period.number_next = period.default_number_next()
        return period

    def _get_many(self, n=1):
        if not self.periodic:
            yield from super()._get_many(n=n)
            return
        # Lock the sequence row before reading or creating the counter of
        # the period: concurrent transactions take their numbers one after
        # the other (Tryton restarts the transaction with the row locked).
        self.lock()
        period = self._period()
        start = period.number_next
        end = start + n * self.number_increment
        period.number_next = end
        period.save()
        for number in range(start, end, self.number_increment):
            yield f'{number:0>{self.padding}d}'

    @fields.depends('type', 'padding', 'reset', 'periods')
    def _get_preview_sequence(self):
        if self.type == 'incremental' and self.reset not in {None, 'never'}:
            key = period_key(self.reset, self._period_date())
            number_next = 1
            for period in self.periods or []:
                if period.period == key:
                    number_next = period.number_next or 1
            padding = self.padding or 0
            return f'{number_next:0>{padding}d}'
        return super()._get_preview_sequence()

    def get_next_number(self, name):
        return self.on_change_with_preview()


def periods_field(field):
    return fields.One2Many(
        'ir.sequence.period', field, "Period Counters",
        states={
            'invisible': ((Eval('type') != 'incremental')
                | (Eval('reset', 'never') == 'never')),
            },
        help="The next number of each period. Edit it to continue the "
        "numbering of a former system.")


class Sequence(PeriodicSequenceMixin, metaclass=PoolMeta):
    __name__ = 'ir.sequence'
    _period_field = 'sequence'
    periods = periods_field('sequence')


class SequenceStrict(PeriodicSequenceMixin, metaclass=PoolMeta):
    # The standard views of strict sequences inherit those of sequences,
    # with their AME fields.
    __name__ = 'ir.sequence.strict'
    _period_field = 'sequence_strict'
    periods = periods_field('sequence_strict')


class SequencePeriod(ModelSQL, ModelView):
    __name__ = 'ir.sequence.period'
    __string__ = "Sequence Period"

    sequence = fields.Many2One(
        'ir.sequence', "Sequence", ondelete='CASCADE',
        states={
            'required': ~Eval('sequence_strict'),
            'invisible': Bool(Eval('sequence_strict')),
            })
    sequence_strict = fields.Many2One(
        'ir.sequence.strict', "Strict Sequence", ondelete='CASCADE',
        states={
            'required': ~Eval('sequence'),
            'invisible': Bool(Eval('sequence')),
            })
    period = fields.Char(
        "Period", required=True,
        help="The year (2026), month (202611) or day (20261127) that "
        "the counter numbers.")
    number_next = fields.Integer(
        "Next Number", required=True,
        help="The counter that the next number of the period gets.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('sequence_period_unique', Unique(t, t.sequence, t.period),
                'ame_base.msg_sequence_period_unique'),
            ('sequence_strict_period_unique',
                Unique(t, t.sequence_strict, t.period),
                'ame_base.msg_sequence_period_unique'),
            ]
        cls._order.insert(0, ('period', 'DESC'))

    @classmethod
    def default_number_next(cls):
        return 1

    @classmethod
    def validate_fields(cls, periods, field_names):
        super().validate_fields(periods, field_names)
        cls.check_period(periods, field_names)
        cls.check_number_next(periods, field_names)

    @classmethod
    def check_period(cls, periods, field_names=None):
        if field_names and not (
                field_names & {'sequence', 'sequence_strict', 'period'}):
            return
        for period in periods:
            sequence = period.sequence or period.sequence_strict
            if not sequence.periodic:
                raise ValidationError(gettext(
                        'ame_base.msg_sequence_period_not_periodic',
                        sequence=sequence.rec_name))
            if not is_period_key(sequence.reset, period.period):
                example = period_key(sequence.reset, cls._today())
                raise ValidationError(gettext(
                        'ame_base.msg_sequence_period_invalid',
                        period=period.period,
                        sequence=sequence.rec_name,
                        example=example))

    @classmethod
    def check_number_next(cls, periods, field_names=None):
        if field_names and 'number_next' not in field_names:
            return
        for period in periods:
            if period.number_next < 1:
                raise ValidationError(gettext(
                        'ame_base.msg_sequence_period_number_next',
                        period=period.period,
                        sequence=(
                            period.sequence or period.sequence_strict
                            ).rec_name))

    @classmethod
    def _today(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today()
