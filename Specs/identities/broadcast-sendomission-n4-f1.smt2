; Reliable broadcast from a designated sender p0, send-omission faults: 4 processes, at most 1 faulty, 2 rounds.
; Every process knows its index and who sent each message (:identities). Decision 2 means
; "nothing delivered".
(set-info :processes 4)
(set-info :faulty 1)
(set-info :faults send-omission)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 3)
(set-info :states 3)
(set-info :round-aware true)
(set-info :identities true)
(set-info :expect realizable)

; Correct processes deliver alike.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; A correct sender's value is delivered by every correct process.
(define-fun validity () Bool
  (=> (correct p0) (forall ((i Proc)) (=> (correct i) (= (decision i) (input p0))))))
; Only the sender's value, or nothing, is delivered.
(define-fun integrity () Bool
  (forall ((i Proc)) (=> (correct i) (or (= (decision i) (input p0)) (= (decision i) 2)))))

(assert agreement)
(assert validity)
(assert integrity)
